package dev.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import dev.berth.spi.RuntimeFailureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The created container's init blocks opening the exec fifo for writing; start opens it for reading, which
 * lets the init go. Its end of the fifo is close-on-exec, so what start reads tells what happened: {@code S}
 * then end-of-file when execve succeeded, {@code S} then {@code <code> <message>} when it failed, and nothing
 * at all when the init had ended before start. The fifo is removed as soon as it is opened: its existence is
 * what "created" means, and a second start finds none.
 *
 * <p>The open does not block (a blocking open would hang if the init were gone); the read waits with poll on
 * both the fifo and the init's pidfd, so it ends either way, without a timeout.
 */
final class StartGate {

    private StartGate() {
    }

    /** Opens the gate; returns the init's exec failure as {@code <code> <message>}, or empty text on success. */
    static String pass(Path fifo, Pidfd init) throws RuntimeFailureException, IOException {
        int fd;
        try {
            fd = Posix.C.open(fifo.toString(), Posix.O_RDONLY | Posix.O_NONBLOCK | Posix.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new RuntimeFailureException("the container was started already (no exec fifo " + fifo + ")");
        }
        try {
            Files.deleteIfExists(fifo);
            String answer = readAll(fd, init);
            if (answer.isEmpty()) {
                throw new RuntimeFailureException("the container's process ended before it was started");
            }
            return answer.substring(1);
        } finally {
            Posix.C.close(fd);
        }
    }

    private static String readAll(int fd, Pidfd init) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        boolean initEnded = false;
        for (;;) {
            int ready = Pidfd.awaitReadable(new int[] {fd, init.fd()}, null);
            initEnded |= ready == 1;
            long n;
            try {
                n = Posix.C.read(fd, buffer, buffer.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Posix.EAGAIN && e.getErrorCode() != Posix.EINTR) {
                    throw new IOException("cannot read the exec fifo: errno " + e.getErrorCode(), e);
                }
                if (initEnded) {
                    // Ended, and the fifo has nothing: either it never got to the fifo, or it wrote and closed.
                    return answer.toString(StandardCharsets.UTF_8);
                }
                continue;
            }
            if (n <= 0) {
                return answer.toString(StandardCharsets.UTF_8);
            }
            answer.write(buffer, 0, (int) n);
        }
    }
}
