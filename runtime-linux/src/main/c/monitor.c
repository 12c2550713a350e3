/*
 * The monitor: one per container (and per exec), alive exactly as long as its process. It holds the
 * process's stdio or pty, writes the json-file log, serves attach clients on a unix socket, reaps the process
 * and writes its exit code atomically, so the exit is known even when no berth process runs.
 *
 * Attach protocol, both directions: frames of an 8-byte header [type, 0, 0, 0, length (4 bytes, big endian)]
 * and a payload of at most CHUNK bytes. Monitor to client: 1 stdout, 2 stderr, 3 exit (4-byte code).
 * Client to monitor: 0 stdin data, 1 close stdin, 2 resize (rows, columns: 2 bytes each, big endian).
 */
#include "helper.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 32768
#define MAX_CLIENTS 16
#define DRAIN_MILLIS 1000

enum { FRAME_STDOUT = 1, FRAME_STDERR = 2, FRAME_EXIT = 3 };
enum { INPUT_STDIN = 0, INPUT_CLOSE_STDIN = 1, INPUT_RESIZE = 2 };

#define FRAME_MAX (8 + CHUNK)

struct client {
    int fd;
    unsigned char *in; /* FRAME_MAX bytes, allocated on connect: the monitor stays small without clients */
    size_t in_length;
    unsigned char *out;
    size_t out_length;
};

static struct {
    const struct spec *spec;
    pid_t child;
    int exited;
    int status;
    long long drain_deadline;
    int out_fd, err_fd, in_fd, pty;
    int listen_fd, signal_fd;
    struct json_log *log;
    struct client clients[MAX_CLIENTS];
    int client_count;
    unsigned char stdin_pending[CHUNK];
    size_t stdin_length, stdin_offset;
    int close_stdin_when_written;
    int hold_output;
} m;

static unsigned char chunk[CHUNK];

static long long now_millis(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static int open_listener(const char *path) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(address.sun_path)) {
        fail(EXIT_RUNTIME, "the attach socket path %s is too long for a unix socket", path);
    }
    strcpy(address.sun_path, path);
    unlink(path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    mode_t saved = umask(0077);
    if (fd < 0 || bind(fd, (struct sockaddr *) &address, sizeof(address)) < 0 || listen(fd, MAX_CLIENTS) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot listen on %s", path);
    }
    umask(saved);
    return fd;
}

static void drop_client(int index) {
    close(m.clients[index].fd);
    free(m.clients[index].in);
    free(m.clients[index].out);
    m.clients[index] = m.clients[--m.client_count];
}

static int pending_output(void) {
    for (int i = 0; i < m.client_count; i++) {
        if (m.clients[i].out_length) {
            return 1;
        }
    }
    return 0;
}

/* Sends what it can now; the rest waits in the client's buffer, and the container's output waits with it. */
static void send_frame(int type, const void *data, size_t length) {
    unsigned char header[8] = {(unsigned char) type, 0, 0, 0, (unsigned char) (length >> 24),
                               (unsigned char) (length >> 16), (unsigned char) (length >> 8), (unsigned char) length};
    for (int i = 0; i < m.client_count; i++) {
        struct client *c = &m.clients[i];
        size_t sent = 0;
        if (!c->out_length) {
            struct iovec iov[2] = {{header, 8}, {(void *) data, length}};
            struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
            ssize_t n = sendmsg(c->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno != EAGAIN) {
                drop_client(i--);
                continue;
            }
            sent = n < 0 ? 0 : (size_t) n;
        }
        size_t rest = 8 + length - sent;
        if (!rest) {
            continue;
        }
        unsigned char *grown = realloc(c->out, c->out_length + rest);
        if (!grown) {
            drop_client(i--);
            continue;
        }
        c->out = grown;
        for (size_t at = sent; at < 8 + length; at++) {
            c->out[c->out_length++] = at < 8 ? header[at] : ((const unsigned char *) data)[at - 8];
        }
    }
}

static void flush_client(int index) {
    struct client *c = &m.clients[index];
    ssize_t n = send(c->fd, c->out, c->out_length, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno != EAGAIN) {
        drop_client(index);
        return;
    }
    if (n > 0) {
        memmove(c->out, c->out + n, c->out_length - (size_t) n);
        c->out_length -= (size_t) n;
    }
}

static void close_output(int *fd) {
    if (m.pty && *fd == m.in_fd) {
        m.in_fd = -1;
    }
    close(*fd);
    *fd = -1;
}

static void forward_output(int *fd, int stream) {
    ssize_t n = read(*fd, chunk, sizeof(chunk));
    if (n > 0) {
        if (m.log) {
            json_log_write(m.log, stream, (const char *) chunk, (size_t) n);
        }
        send_frame(stream, chunk, (size_t) n);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        /* A pty whose last slave closed reads EIO: the same end as EOF on a pipe. */
        close_output(fd);
    }
}

static void close_stdin(void) {
    if (m.in_fd >= 0 && !m.pty) {
        close(m.in_fd);
        m.in_fd = -1;
    }
    m.stdin_length = m.stdin_offset = 0;
    m.close_stdin_when_written = 0;
}

static void write_stdin(void) {
    if (m.in_fd < 0) {
        m.stdin_length = m.stdin_offset = 0;
        return;
    }
    ssize_t n = write(m.in_fd, m.stdin_pending + m.stdin_offset, m.stdin_length - m.stdin_offset);
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
        close_stdin();
        return;
    }
    m.stdin_offset += n > 0 ? (size_t) n : 0;
    if (m.stdin_offset == m.stdin_length) {
        m.stdin_length = m.stdin_offset = 0;
        if (m.close_stdin_when_written) {
            close_stdin();
        }
    }
}

static void handle_input_frame(unsigned char type, const unsigned char *payload, size_t length) {
    if (type == INPUT_STDIN && m.in_fd >= 0) {
        memcpy(m.stdin_pending, payload, length);
        m.stdin_length = length;
        m.stdin_offset = 0;
        write_stdin();
    } else if (type == INPUT_CLOSE_STDIN) {
        if (m.stdin_length) {
            m.close_stdin_when_written = 1;
        } else {
            close_stdin();
        }
    } else if (type == INPUT_RESIZE && length == 4 && m.pty && m.in_fd >= 0) {
        struct winsize size = {.ws_row = (unsigned short) (payload[0] << 8 | payload[1]),
                               .ws_col = (unsigned short) (payload[2] << 8 | payload[3])};
        ioctl(m.in_fd, TIOCSWINSZ, &size);
    }
}

static void read_client(int index) {
    struct client *c = &m.clients[index];
    size_t wanted = 8;
    if (c->in_length >= 8) {
        wanted += (size_t) c->in[4] << 24 | (size_t) c->in[5] << 16 | (size_t) c->in[6] << 8 | c->in[7];
    }
    if (wanted > FRAME_MAX) {
        drop_client(index); /* not our protocol */
        return;
    }
    ssize_t n = read(c->fd, c->in + c->in_length, wanted - c->in_length);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        drop_client(index); /* a detach: the container's stdin stays open */
        return;
    }
    c->in_length += n > 0 ? (size_t) n : 0;
    if (c->in_length == wanted && wanted > 8) {
        handle_input_frame(c->in[0], c->in + 8, wanted - 8);
        c->in_length = 0;
    } else if (c->in_length == 8 && wanted == 8) {
        size_t length = (size_t) c->in[4] << 24 | (size_t) c->in[5] << 16 | (size_t) c->in[6] << 8 | c->in[7];
        if (length == 0) {
            handle_input_frame(c->in[0], c->in + 8, 0);
            c->in_length = 0;
        }
    }
}

static void accept_clients(void) {
    for (;;) {
        int fd = accept4(m.listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            return;
        }
        unsigned char *in = m.client_count < MAX_CLIENTS ? malloc(FRAME_MAX) : NULL;
        if (!in) {
            close(fd);
            continue;
        }
        struct client *c = &m.clients[m.client_count++];
        c->fd = fd;
        c->in = in;
        c->in_length = 0;
        c->out = NULL;
        c->out_length = 0;
        m.hold_output = 0;
    }
}

static void reap(void) {
    struct signalfd_siginfo info;
    while (read(m.signal_fd, &info, sizeof(info)) > 0) {
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == m.child) {
            m.exited = 1;
            m.status = status;
            m.drain_deadline = now_millis() + DRAIN_MILLIS;
        }
    }
}

static void serve(void) {
    for (;;) {
        if (m.exited && ((m.out_fd < 0 && m.err_fd < 0) || now_millis() >= m.drain_deadline)) {
            return;
        }
        struct pollfd fds[4 + MAX_CLIENTS];
        int n = 0, at_signal = n++, at_listen = n++, at_out = -1, at_err = -1, at_in = -1;
        fds[at_signal] = (struct pollfd){.fd = m.signal_fd, .events = POLLIN};
        fds[at_listen] = (struct pollfd){.fd = m.listen_fd, .events = POLLIN};
        /* A held output waits for its first client, so that an exec'd process loses nothing before the attach. */
        int blocked = pending_output() || (m.hold_output && m.client_count == 0);
        if (m.out_fd >= 0 && !blocked) {
            at_out = n;
            fds[n++] = (struct pollfd){.fd = m.out_fd, .events = POLLIN};
        }
        if (m.err_fd >= 0 && !blocked) {
            at_err = n;
            fds[n++] = (struct pollfd){.fd = m.err_fd, .events = POLLIN};
        }
        if (m.stdin_length && m.in_fd >= 0) {
            at_in = n;
            fds[n++] = (struct pollfd){.fd = m.in_fd, .events = POLLOUT};
        }
        int first_client = n;
        for (int i = 0; i < m.client_count; i++) {
            short events = (short) ((m.clients[i].out_length ? POLLOUT : 0) | (m.stdin_length ? 0 : POLLIN));
            fds[n++] = (struct pollfd){.fd = m.clients[i].fd, .events = events};
        }
        int timeout = m.exited ? (int) (m.drain_deadline - now_millis()) : -1;
        if (poll(fds, (nfds_t) n, timeout < 0 && m.exited ? 0 : timeout) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        int clients_before = m.client_count;
        /* Clients first: one that connected before start must see the container's first byte. */
        if (fds[at_listen].revents) {
            accept_clients();
        }
        if (fds[at_signal].revents) {
            reap();
        }
        if (at_out >= 0 && fds[at_out].revents && m.out_fd >= 0) {
            forward_output(&m.out_fd, FRAME_STDOUT);
        }
        if (at_err >= 0 && fds[at_err].revents && m.err_fd >= 0) {
            forward_output(&m.err_fd, FRAME_STDERR);
        }
        if (at_in >= 0 && fds[at_in].revents) {
            write_stdin();
        }
        /* Clients may have been dropped above; walk the old ones by descriptor. */
        for (int i = first_client; i < first_client + clients_before; i++) {
            if (!fds[i].revents) {
                continue;
            }
            for (int c = 0; c < m.client_count; c++) {
                if (m.clients[c].fd != fds[i].fd) {
                    continue;
                }
                if ((fds[i].revents & POLLOUT) && m.clients[c].out_length) {
                    flush_client(c);
                } else if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                    read_client(c);
                }
                break;
            }
        }
    }
}

static int exit_code(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return 255;
}

/* memory.oom_control (v1) and memory.events (v2) both count the kills in an "oom_kill N" line. */
static int oom_killed(void) {
    const char *path = spec_value(m.spec, "oom-file", NULL);
    FILE *file = path ? fopen(path, "re") : NULL;
    if (!file) {
        return 0;
    }
    char line[256];
    long long kills = 0;
    while (fgets(line, sizeof(line), file)) {
        if (strncmp(line, "oom_kill ", 9) == 0) {
            kills = atoll(line + 9);
        }
    }
    fclose(file);
    return kills > 0;
}

/*
 * Writes the exit status atomically (temporary file, rename); returns the file, still open, so that it is
 * synced after the clients were told: a crash in between loses at worst a status nobody waited for.
 */
static int write_exit_file(int code) {
    const char *path = spec_value(m.spec, "exit-file", NULL);
    if (!path) {
        return -1;
    }
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    char content[128], temporary[4096];
    snprintf(content, sizeof(content), "exit_code=%d\noom_killed=%s\nfinished_at=%lld.%09ld\n", code,
             oom_killed() ? "true" : "false", (long long) t.tv_sec, t.tv_nsec);
    snprintf(temporary, sizeof(temporary), "%s.tmp", path);
    int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return -1;
    }
    if (write_all(fd, content, strlen(content)) < 0 || rename(temporary, path) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void notify_clients(int code) {
    unsigned char payload[4] = {(unsigned char) (code >> 24), (unsigned char) (code >> 16),
                                (unsigned char) (code >> 8), (unsigned char) code};
    send_frame(FRAME_EXIT, payload, sizeof(payload));
    struct timeval timeout = {.tv_sec = 2};
    while (m.client_count > 0) {
        struct client *c = &m.clients[0];
        fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) & ~O_NONBLOCK);
        setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
        if (c->out_length) {
            send(c->fd, c->out, c->out_length, MSG_NOSIGNAL);
        }
        drop_client(0);
    }
}

static void run_exit_command(void) {
    char **args = spec_list(m.spec, "exit-command");
    if (!args[0] || fork() != 0) {
        return;
    }
    setsid();
    int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; fd++) {
        dup2(null, fd);
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execv(args[0], args);
    _exit(EXIT_NOT_FOUND);
}

static void finish(void) {
    if (m.log) {
        json_log_flush(m.log);
    }
    int code = exit_code(m.status);
    int exit_file = write_exit_file(code);
    notify_clients(code);
    if (exit_file >= 0) {
        fsync(exit_file);
        close(exit_file);
    }
    unlink(spec_value(m.spec, "socket", ""));
    for (size_t i = 0; i < m.spec->count; i++) {
        if (strcmp(m.spec->entries[i].key, "cgroup-dir") == 0) {
            rmdir(m.spec->entries[i].fields[0]);
        }
    }
    run_exit_command();
}

/* Moves this process into the cgroups listed under key; returns NULL, or the one it could not join (errno set). */
static const char *join_cgroups(const struct spec *spec, const char *key) {
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, key) == 0 && write_file(spec->entries[i].fields[0], "0") < 0) {
            return spec->entries[i].fields[0];
        }
    }
    return NULL;
}

static int namespace_flags(const struct spec *spec) {
    static const struct {
        const char *name;
        int flag;
    } FLAGS[] = {{"pid", CLONE_NEWPID}, {"mnt", CLONE_NEWNS}, {"uts", CLONE_NEWUTS}, {"ipc", CLONE_NEWIPC},
                 {"net", CLONE_NEWNET}};
    int flags = 0;
    for (size_t i = 0; i < spec->count; i++) {
        for (size_t f = 0; strcmp(spec->entries[i].key, "namespace") == 0 && f < sizeof(FLAGS) / sizeof(FLAGS[0]); f++) {
            if (strcmp(spec->entries[i].fields[0], FLAGS[f].name) == 0) {
                flags |= FLAGS[f].flag;
            }
        }
    }
    return flags;
}

/* exec: the process must be born in the container's PID namespace, which only a parent can arrange. */
static pid_t fork_into_pid_namespace(const struct spec *spec) {
    char path[64];
    snprintf(path, sizeof(path), "/proc/%s/ns/pid", spec_value(spec, "join-pid", "0"));
    int own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
    int target = open(path, O_RDONLY | O_CLOEXEC);
    if (own < 0 || target < 0 || setns(target, CLONE_NEWPID) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot join the PID namespace of %s: is the container running?", path);
    }
    pid_t pid = fork();
    if (pid != 0 && setns(own, CLONE_NEWPID) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot return to the host's PID namespace");
    }
    close(own);
    close(target);
    return pid;
}

/* The child's stdio without a terminal: pipes, and /dev/null for stdin unless it stays open. */
static void make_pipes(int child_stdio[3]) {
    int p[2];
    if (spec_has(m.spec, "stdin")) {
        if (pipe2(p, O_CLOEXEC) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot create the stdin pipe");
        }
        child_stdio[0] = p[0];
        m.in_fd = p[1];
    } else {
        child_stdio[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    if (pipe2(p, O_CLOEXEC) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot create the stdout pipe");
    }
    m.out_fd = p[0];
    child_stdio[1] = p[1];
    if (pipe2(p, O_CLOEXEC) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot create the stderr pipe");
    }
    m.err_fd = p[0];
    child_stdio[2] = p[1];
}

/* Waits until the child is ready (create) or has exec'd (exec: the sync socket closes on execve). */
static void await_child(int sync, int exec_mode) {
    for (;;) {
        char message[4096];
        int fd;
        ssize_t n = receive_message(sync, message, sizeof(message), &fd);
        if (n > 0 && strcmp(message, "pty") == 0 && fd >= 0) {
            m.pty = 1;
            m.out_fd = m.in_fd = fd;
            const char **size = spec_get(m.spec, "console-size");
            if (size) {
                struct winsize ws = {.ws_row = (unsigned short) atoi(size[0]), .ws_col = (unsigned short) atoi(size[1])};
                ioctl(fd, TIOCSWINSZ, &ws);
            }
            continue;
        }
        if (n > 0 && strcmp(message, "ready") == 0) {
            return;
        }
        if (n > 0 && strncmp(message, "error ", 6) == 0) {
            waitpid(m.child, NULL, 0);
            unlink(spec_value(m.spec, "socket", ""));
            char line[4200];
            snprintf(line, sizeof(line), "%s\n", message);
            write_all(REPORT_FD, line, strlen(line));
            _exit(EXIT_RUNTIME);
        }
        if (n == 0 && exec_mode) {
            return;
        }
        int status = 0;
        waitpid(m.child, &status, 0);
        unlink(spec_value(m.spec, "socket", ""));
        fail(EXIT_RUNTIME, "the container's process ended while it was being set up (status %d)", exit_code(status));
    }
}

int monitor_main(const struct spec *spec, int exec_mode) {
    m.spec = spec;
    m.out_fd = m.err_fd = m.in_fd = -1;
    m.hold_output = spec_has(spec, "hold-output");
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    /* Started from a descriptor (/proc/self/fd/N), it would otherwise be named "N" in ps and top. */
    prctl(PR_SET_NAME, "berth-monitor", 0, 0, 0);
    signal(SIGPIPE, SIG_IGN);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    m.signal_fd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (m.signal_fd < 0) {
        fail_errno(EXIT_RUNTIME, "cannot watch for the container's exit");
    }
    int child_stdio[3] = {-1, -1, -1};
    if (!spec_has(spec, "terminal")) {
        make_pipes(child_stdio);
    }
    int sync[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sync) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot create the sync socket");
    }
    m.listen_fd = open_listener(spec_value(spec, "socket", ""));
    const char *log_path = spec_value(spec, "log", NULL);
    if (log_path && !(m.log = json_log_open(log_path))) {
        fail_errno(EXIT_RUNTIME, "cannot open the log %s", log_path);
    }
    /*
     * The child is born in the container's cgroups: the monitor passes through them, so that joining (slow
     * on v1, an RCU grace period per hierarchy) happens here, and leaving them below runs while the child
     * prepares the container. The monitor then lives in berth's own cgroup, not in the caller's session.
     */
    const char *failed = join_cgroups(spec, "cgroup-procs");
    if (failed) {
        fail_errno(EXIT_RUNTIME, "cannot join the cgroup %s", failed);
    }
    m.child = exec_mode ? fork_into_pid_namespace(spec)
                        : (pid_t) syscall(SYS_clone, SIGCHLD | namespace_flags(spec), NULL, NULL, NULL, 0);
    if (m.child < 0) {
        fail_errno(EXIT_RUNTIME, "cannot create the container's process");
    }
    if (m.child == 0) {
        sync_fd = sync[1];
        for (int fd = 0; fd < 3; fd++) {
            if (child_stdio[fd] >= 0 && dup2(child_stdio[fd], fd) < 0) {
                fail_errno(EXIT_RUNTIME, "cannot set up the standard streams");
            }
        }
        if (exec_mode) {
            container_exec(spec);
        }
        container_init(spec);
    }
    close(sync[1]);
    for (int fd = 0; fd < 3; fd++) {
        if (child_stdio[fd] >= 0) {
            close(child_stdio[fd]);
        }
    }
    /* Only now: the child must keep the caller's OOM score, not the monitor's. */
    write_file("/proc/self/oom_score_adj", "-999");
    if ((failed = join_cgroups(spec, "monitor-procs"))) {
        /* A monitor left in the container's freezer would freeze with it: give up the container. */
        int saved = errno;
        kill(m.child, SIGKILL);
        waitpid(m.child, NULL, 0);
        errno = saved;
        fail_errno(EXIT_RUNTIME, "cannot leave the container's cgroup for %s", failed);
    }
    await_child(sync[0], exec_mode);
    close(sync[0]);
    char line[64];
    snprintf(line, sizeof(line), "ok %d %d\n", (int) m.child, (int) getpid());
    write_all(REPORT_FD, line, strlen(line));
    close(REPORT_FD);
    int streams[3] = {m.out_fd, m.err_fd, m.in_fd};
    for (int i = 0; i < 3; i++) {
        if (streams[i] >= 0) {
            set_nonblocking(streams[i]);
        }
    }
    serve();
    finish();
    return 0;
}
