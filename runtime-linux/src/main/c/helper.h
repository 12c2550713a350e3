/*
 * berth's native helper: the steps between clone and execve that a JVM cannot take safely.
 *
 * Java decides everything and writes it into a spec file; the helper executes it. Process tree:
 *
 *   JVM --posix_spawn(setsid)--> monitor --clone(CLONE_NEW*)--> init --execve--> command (PID 1)
 *                                (subreaper: stdio, log, attach socket, exit file)
 *
 * The monitor reports "ok <pid> <monitor pid>" or "error <code> <message>" on fd 3, which Java reads.
 */
#ifndef BERTH_HELPER_H
#define BERTH_HELPER_H

#include <stddef.h>
#include <sys/types.h>

/* Exit codes that the container's users see (Docker's). */
#define EXIT_RUNTIME 125
#define EXIT_CANNOT_EXECUTE 126
#define EXIT_NOT_FOUND 127

#define REPORT_FD 3

/* ---- spec.c: the spec file, a sequence of NUL-terminated strings: a key, then its fixed number of fields. */

struct entry {
    const char *key;
    const char **fields;
};

struct spec {
    char *data;
    struct entry *entries;
    size_t count;
};

int spec_load(struct spec *spec, const char *path, char *error, size_t error_size);
/* The fields of the first entry with this key, or NULL. */
const char **spec_get(const struct spec *spec, const char *key);
/* The first field of the first entry with this key, or fallback. */
const char *spec_value(const struct spec *spec, const char *key, const char *fallback);
int spec_has(const struct spec *spec, const char *key);
/* Every first field of the entries with this key, NULL-terminated (for argv, envp and the like). */
char **spec_list(const struct spec *spec, const char *key);

/* ---- fail.c: how a failure travels. A child process reports on the sync socket, the monitor on fd 3. */

/* The socket to the monitor while a child prepares the container's process; -1 in the monitor. */
extern int sync_fd;

/* Reports "error <code> <message>" where it belongs and exits with code. */
void fail(int code, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));
/* Same, appending strerror(errno). */
void fail_errno(int code, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));
/* Sends one message (and an fd when fd >= 0) on a SOCK_SEQPACKET socket. */
int send_message(int socket, const char *message, int fd);
/* Receives one message; *fd gets a passed descriptor or -1. Returns its length, 0 at EOF, -1 on error. */
ssize_t receive_message(int socket, char *buffer, size_t size, int *fd);
int write_all(int fd, const void *data, size_t length);
int write_file(const char *path, const char *content);

/* ---- mounts.c: the container's mount namespace. */

/* Mounts the root, the spec's mounts, devices, masks; leaves the root mounted at spec "rootfs". */
void prepare_rootfs(const struct spec *spec);
/* pivot_root into the prepared root and detaches the old one. */
void enter_rootfs(const struct spec *spec);
/* Opens a path inside the tree at root_fd without ever leaving it (symlinks resolve inside it). */
int open_in_root(int root_fd, const char *path, int flags);

/* ---- process.c: turning the prepared process into the container's command. */

struct identity {
    uid_t uid;
    gid_t gid;
    gid_t groups[64];
    int group_count;
    char home[256];
};

/* Resolves the spec's "user" (uid, name, uid:gid, name:group) against the root's /etc/passwd and /etc/group. */
void resolve_identity(const struct spec *spec, struct identity *who);
/* Opens a pty in the container's /dev/pts, passes the master to the monitor and makes the slave our stdio. */
void attach_terminal(const struct identity *who, int bind_console);
/* rlimits, no_new_privs, capabilities, groups, gid, uid, umask: in the order that keeps each step possible. */
void apply_credentials(const struct spec *spec, const struct identity *who);
/* Closes every descriptor >= 3 but keep (which may be -1): nothing of the host's reaches the container. */
void close_other_fds(int keep_a, int keep_b);
/* chdir to the working directory, checked to be inside the root (CVE-2024-21626). */
void enter_working_directory(const struct spec *spec);
/* The environment with HOME added from the user's entry when the spec has none. */
char **process_environment(const struct spec *spec, const struct identity *who);
/* Finds args[0] like execvp does, in the PATH of env; fails with 126 or 127 like Docker. */
void find_executable(const char *command, char **env, char *path, size_t size);
/* Installs the spec's seccomp filter of denied system calls, if it has one (seccomp.c). */
void install_seccomp(const struct spec *spec);
/* execve with signal state reset; returns only on failure, with the code to exit with. */
int execute(const char *path, char **argv, char **env, char *error, size_t error_size);

/* ---- container.c: the two children the monitor can start. */

/* create: the container's init, in new namespaces, waits on the exec fifo and becomes the command. */
void container_init(const struct spec *spec) __attribute__((noreturn));
/* exec: a process that joins a running container's namespaces and cgroup. */
void container_exec(const struct spec *spec) __attribute__((noreturn));

/* ---- monitor.c */

int monitor_main(const struct spec *spec, int exec_mode);

/* ---- jsonlog.c: Docker's json-file log. */

struct json_log;
struct json_log *json_log_open(const char *path);
/* Appends output of a stream (1 stdout, 2 stderr); complete lines become entries, a partial line waits. */
void json_log_write(struct json_log *log, int stream, const char *data, size_t length);
/* Writes what is still waiting as entries without a newline. */
void json_log_flush(struct json_log *log);
/* Escapes like Go's encoding/json (HTML-safe, invalid UTF-8 as U+FFFD); returns the bytes written. */
size_t json_escape(char *out, const unsigned char *in, size_t length);
/* RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's time.RFC3339Nano prints it. */
size_t format_rfc3339nano(char *out, size_t size, long long seconds, long nanoseconds);

#endif
