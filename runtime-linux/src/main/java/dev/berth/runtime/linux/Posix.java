package dev.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The C library calls the runtime makes from Java: only those that are safe in a multithreaded process
 * (ARCHITECTURE.md). Everything that changes the calling process's namespaces, credentials or limits is the
 * native helper's job.
 */
interface Posix extends Library {

    Posix C = Native.load("c", Posix.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int F_GETFL = 3;
    int F_SETFL = 4;
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    int POSIX_SPAWN_SETSIGDEF = 0x4;
    int POSIX_SPAWN_SETSIGMASK = 0x8;
    int POSIX_SPAWN_SETSID = 0x80;
    int WNOHANG = 1;
    int ECHILD = 10;
    int EINTR = 4;
    int ESRCH = 3;
    int EAGAIN = 11;

    /** Linux's generic syscall numbers, the same on every architecture for these newer calls. */
    long SYS_PIDFD_SEND_SIGNAL = 424;
    long SYS_OPEN_TREE = 428;
    long SYS_PIDFD_OPEN = 434;
    long SYS_MOUNT_SETATTR = 442;

    /** Returns an error number rather than setting errno. */
    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes, String[] argv,
                    String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int sigemptyset(Pointer signals);

    int sigfillset(Pointer signals);

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int open(String path, int flags, int mode) throws LastErrorException;

    int fcntl(int fd, int command, int argument) throws LastErrorException;

    int mkfifo(String path, int mode) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    /** Arguments are passed as longs: the kernel reads whole registers. */
    long syscall(long number, Object... arguments) throws LastErrorException;
}
