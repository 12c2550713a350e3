package dev.berth.cli;

import dev.berth.core.host.InterruptibleInput;
import dev.berth.spi.Attachment;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalInt;

/**
 * The user's side of an attached container or exec: output copied to the user's streams, the user's input
 * (with {@code -i}) pumped to the process, the terminal raw and its size followed (with {@code -t}).
 */
public final class AttachedSession {

    /** Longer than a slice of {@link InterruptibleInput}'s wait, so that the pump has ended when it is over. */
    private static final long STOP_WAIT_MILLIS = 200;

    private AttachedSession() {
    }

    /**
     * Runs the session until the process exits; its exit code, or empty when detached before the exit.
     *
     * @param interactive {@code -i}: the user's input goes to the process
     * @param tty         {@code -t}: the user's terminal is made raw and its size followed
     */
    public static OptionalInt run(Attachment attachment, Streams streams, boolean interactive, boolean tty)
            throws IOException {
        boolean terminal = tty && streams.inIsTerminal();
        try (TerminalMode mode = terminal ? TerminalMode.raw(true) : TerminalMode.raw(false)) {
            if (terminal) {
                TerminalMode.onResize(true, size -> {
                    try {
                        attachment.resize(size);
                    } catch (IOException e) {
                        // The container may have just ended; the next resize or the exit says so.
                    }
                });
            }
            Thread pump = null;
            if (interactive) {
                InputStream in = streams.in() == System.in ? InterruptibleInput.of(0) : streams.in();
                pump = new Thread(() -> pump(in, attachment), "berth-stdin");
                pump.setDaemon(true);
                pump.start();
            }
            OptionalInt code = attachment.copyOutput(streams.out(), streams.err());
            streams.out().flush();
            streams.err().flush();
            if (pump != null) {
                stop(pump);
            }
            return code;
        }
    }

    /**
     * Stops the pump that may still wait for the user's input: left in a read, it would hold the JVM's exit
     * back by 300 ms (see {@link InterruptibleInput}, which its reads of the real standard input go through).
     */
    private static void stop(Thread pump) {
        pump.interrupt();
        try {
            pump.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(InputStream in, Attachment attachment) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                attachment.writeInput(buffer, 0, n);
            }
            attachment.closeInput();
        } catch (IOException e) {
            // The process ended or detached: nothing more to send.
        }
    }
}
