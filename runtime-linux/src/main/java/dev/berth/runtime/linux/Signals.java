package dev.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import dev.berth.spi.RuntimeFailureException;
import java.util.List;

/** Signals by PID, for the processes of a cgroup (a frozen cgroup's processes cannot exit meanwhile). */
final class Signals {

    static final int SIGKILL = 9;

    private Signals() {
    }

    static void sendEach(List<Long> pids, int signal) throws RuntimeFailureException {
        for (long pid : pids) {
            try {
                Posix.C.kill((int) pid, signal);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Posix.ESRCH) {
                    throw new RuntimeFailureException("cannot send signal " + signal + " to " + pid + ": errno "
                            + e.getErrorCode(), e);
                }
            }
        }
    }
}
