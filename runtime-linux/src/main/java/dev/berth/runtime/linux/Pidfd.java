package dev.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A process descriptor ({@code pidfd_open}): signals sent through it can never reach a process that reused
 * the PID, and it becomes readable when the process ends, so waiting needs no polling.
 */
final class Pidfd implements AutoCloseable {

    /** Longer than anyone waits; also where Duration.toNanos would overflow. */
    private static final Duration FOREVER = Duration.ofDays(10_000);

    private final int fd;

    private Pidfd(int fd) {
        this.fd = fd;
    }

    /** The process {@code pid} if it is still the one that started at {@code startTicks} and has not ended. */
    static Optional<Pidfd> open(long pid, long startTicks) throws IOException {
        int fd;
        try {
            fd = (int) Posix.C.syscall(Posix.SYS_PIDFD_OPEN, pid, 0L);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Posix.ESRCH) {
                return Optional.empty();
            }
            throw new IOException("pidfd_open(" + pid + ") failed with errno " + e.getErrorCode(), e);
        }
        Pidfd pidfd = new Pidfd(fd);
        // Checked after opening: from now on the descriptor pins the process, so a match is final.
        if (!ProcStat.isAlive(pid, startTicks)) {
            pidfd.close();
            return Optional.empty();
        }
        return Optional.of(pidfd);
    }

    int fd() {
        return fd;
    }

    /** Sends {@code signal}; false when the process has ended meanwhile. */
    boolean signal(int signal) throws IOException {
        try {
            Posix.C.syscall(Posix.SYS_PIDFD_SEND_SIGNAL, (long) fd, (long) signal, Pointer.NULL, 0L);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Posix.ESRCH) {
                return false;
            }
            throw new IOException("cannot send signal " + signal + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Waits until the process ends, at most {@code timeout} (null: no limit); true when it has ended. */
    boolean awaitExit(Duration timeout) throws IOException {
        return awaitReadable(new int[] {fd}, timeout) >= 0;
    }

    /**
     * Waits until one of {@code fds} is readable or hung up, at most {@code timeout} (null: no limit).
     *
     * @return the index of the first ready descriptor, or -1 when the time ran out
     */
    static int awaitReadable(int[] fds, Duration timeout) throws IOException {
        if (timeout != null && timeout.compareTo(FOREVER) >= 0) {
            timeout = null;
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Memory pollfds = new Memory(8L * fds.length);
        for (;;) {
            for (int i = 0; i < fds.length; i++) {
                pollfds.setInt(8L * i, fds[i]);
                pollfds.setShort(8L * i + 4, Posix.POLLIN);
                pollfds.setShort(8L * i + 6, (short) 0);
            }
            long left = deadline - System.nanoTime();
            int millis = timeout == null ? -1 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
            int ready;
            try {
                ready = Posix.C.poll(pollfds, fds.length, millis);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Posix.EINTR) {
                    continue;
                }
                throw new IOException("poll failed with errno " + e.getErrorCode(), e);
            }
            for (int i = 0; ready > 0 && i < fds.length; i++) {
                if (pollfds.getShort(8L * i + 6) != 0) {
                    return i;
                }
            }
            if (timeout != null && System.nanoTime() >= deadline) {
                return -1;
            }
        }
    }

    @Override
    public void close() {
        Posix.C.close(fd);
    }
}
