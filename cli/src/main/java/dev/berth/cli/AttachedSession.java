package dev.berth.cli;

import dev.berth.spi.Attachment;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalInt;

/**
 * The user's side of an attached container or exec: output copied to the user's streams, the user's input
 * (with {@code -i}) pumped to the process, the terminal raw and its size followed (with {@code -t}).
 */
public final class AttachedSession {

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
            if (interactive) {
                Thread pump = new Thread(() -> pump(streams.in(), attachment), "berth-stdin");
                pump.setDaemon(true);
                pump.start();
            }
            OptionalInt code = attachment.copyOutput(streams.out(), streams.err());
            streams.out().flush();
            streams.err().flush();
            return code;
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
