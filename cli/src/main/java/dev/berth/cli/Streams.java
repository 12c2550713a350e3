package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standard streams a command reads and writes, passed in rather than taken from {@link System} so that
 * tests can run commands in-process.
 *
 * @param in               standard input
 * @param out              standard output
 * @param err              standard error
 * @param inIsTerminal     whether standard input is a terminal
 * @param outIsTerminal    whether standard output is a terminal (progress is shown only then)
 * @param errIsTerminal    whether standard error is a terminal
 */
public record Streams(InputStream in, PrintStream out, PrintStream err, boolean inIsTerminal, boolean outIsTerminal,
                      boolean errIsTerminal) {

    /** Streams that are no terminals, for tests and pipes. */
    public Streams(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, false, false, false);
    }

    /** The process's own streams. */
    public static Streams system() {
        return new Streams(System.in, System.out, System.err, isTerminal(0), isTerminal(1), isTerminal(2));
    }

    /** Whether file descriptor {@code fd} of this process is a terminal. */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
