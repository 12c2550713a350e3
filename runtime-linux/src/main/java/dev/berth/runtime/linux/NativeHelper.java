package dev.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.berth.spi.RuntimeFailureException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spawns the native helper with {@code posix_spawn} and reads its one-line report from fd 3.
 *
 * <p>The helper is executed from a read-only, detached bind mount of its installed file
 * ({@code open_tree(OPEN_TREE_CLONE)} + {@code mount_setattr(MOUNT_ATTR_RDONLY)}): the file stays shared by
 * every monitor, yet a container process that reaches it through {@code /proc/<pid>/exe} cannot open it for
 * writing (CVE-2019-5736). Nothing stays mounted anywhere: the mount lives as long as a process uses it.
 *
 * <p>The spawned process is the monitor itself, in a session of its own, so that creating a container costs
 * one process creation less. It is this JVM's child while the JVM lives: monitors that ended are reaped on
 * later calls, and at the JVM's exit the remaining ones pass to init.
 */
final class NativeHelper {

    private static final long AT_FDCWD = -100;
    private static final long AT_EMPTY_PATH = 0x1000;
    private static final long OPEN_TREE_CLONE = 1;
    private static final long MOUNT_ATTR_RDONLY = 0x1;
    private static final long MOUNT_ATTR_NOSUID = 0x2;
    private static final long MOUNT_ATTR_NODEV = 0x4;
    private static final long MOUNT_ATTR_NOEXEC = 0x8;

    private final Path binary;
    private final Set<Integer> monitors = ConcurrentHashMap.newKeySet();
    private int sealed = -1;

    NativeHelper(Path binary) {
        this.binary = binary;
    }

    /** Runs {@code berth-helper <mode> <spec>} and returns its report. */
    HelperReport run(String mode, Path spec) throws RuntimeFailureException {
        reapEnded();
        int[] pipe = new int[2];
        Posix.C.pipe2(pipe, Posix.O_CLOEXEC);
        int pid;
        try {
            pid = spawn(new String[] {"berth-helper", mode, spec.toString()}, pipe[1]);
        } catch (RuntimeFailureException | RuntimeException e) {
            Posix.C.close(pipe[0]);
            throw e;
        } finally {
            Posix.C.close(pipe[1]);
        }
        try {
            String line = readLine(pipe[0]);
            if (line.startsWith("ok ")) {
                monitors.add(pid);
                return HelperReport.parse(line, "running");
            }
            // A failed monitor exits right after its report.
            return HelperReport.parse(line, awaitExit(pid));
        } finally {
            Posix.C.close(pipe[0]);
        }
    }

    /** Reaps the monitors this JVM spawned that have ended, so that none stays a zombie. */
    void reapEnded() {
        IntByReference status = new IntByReference();
        for (int pid : monitors) {
            try {
                if (Posix.C.waitpid(pid, status, Posix.WNOHANG) == pid) {
                    monitors.remove(pid);
                }
            } catch (LastErrorException e) {
                monitors.remove(pid);
            }
        }
    }

    private int spawn(String[] argv, int reportFd) throws RuntimeFailureException {
        Memory actions = new Memory(1024);
        Memory attributes = new Memory(1024);
        Memory all = new Memory(128);
        Memory none = new Memory(128);
        Posix.C.posix_spawn_file_actions_init(actions);
        Posix.C.posix_spawnattr_init(attributes);
        try {
            for (int fd = 0; fd < 3; fd++) {
                Posix.C.posix_spawn_file_actions_addopen(actions, fd, "/dev/null", fd == 0 ? Posix.O_RDONLY : Posix.O_WRONLY, 0);
            }
            Posix.C.posix_spawn_file_actions_adddup2(actions, reportFd, 3);
            // The JVM's signal handlers and mask must not reach the monitor or the container.
            Posix.C.sigfillset(all);
            Posix.C.sigemptyset(none);
            Posix.C.posix_spawnattr_setsigdefault(attributes, all);
            Posix.C.posix_spawnattr_setsigmask(attributes, none);
            Posix.C.posix_spawnattr_setflags(attributes,
                    (short) (Posix.POSIX_SPAWN_SETSIGDEF | Posix.POSIX_SPAWN_SETSIGMASK | Posix.POSIX_SPAWN_SETSID));
            IntByReference pid = new IntByReference();
            int error = Posix.C.posix_spawn(pid, "/proc/self/fd/" + sealedBinary(), actions, attributes, argv, environment());
            if (error != 0) {
                throw new RuntimeFailureException("cannot start the runtime helper " + binary + ": errno " + error);
            }
            return pid.getValue();
        } finally {
            Posix.C.posix_spawn_file_actions_destroy(actions);
            Posix.C.posix_spawnattr_destroy(attributes);
        }
    }

    private synchronized int sealedBinary() throws RuntimeFailureException {
        if (sealed >= 0) {
            return sealed;
        }
        try {
            int fd = (int) Posix.C.syscall(Posix.SYS_OPEN_TREE, AT_FDCWD, binary.toString(),
                    OPEN_TREE_CLONE | Posix.O_CLOEXEC);
            Memory attributes = new Memory(32);
            attributes.clear();
            attributes.setLong(0, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
            attributes.setLong(8, MOUNT_ATTR_NOEXEC);
            Posix.C.syscall(Posix.SYS_MOUNT_SETATTR, (long) fd, "", AT_EMPTY_PATH, attributes, 32L);
            sealed = fd;
            return fd;
        } catch (LastErrorException e) {
            throw new RuntimeFailureException("cannot make a read-only mount of the runtime helper " + binary
                    + " (open_tree/mount_setattr, Linux 5.12 or later, as root): errno " + e.getErrorCode(), e);
        }
    }

    private static String[] environment() {
        Map<String, String> env = System.getenv();
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static String awaitExit(int pid) {
        IntByReference status = new IntByReference();
        for (;;) {
            try {
                Posix.C.waitpid(pid, status, 0);
                int s = status.getValue();
                return (s & 0x7f) == 0 ? "exit code " + ((s >> 8) & 0xff) : "killed by signal " + (s & 0x7f);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Posix.EINTR) {
                    return "waitpid failed with errno " + e.getErrorCode();
                }
            }
        }
    }

    private static String readLine(int fd) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (;;) {
            long n;
            try {
                n = Posix.C.read(fd, buffer, buffer.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Posix.EINTR) {
                    continue;
                }
                break;
            }
            if (n <= 0) {
                break;
            }
            line.write(buffer, 0, (int) n);
            if (buffer[(int) n - 1] == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
