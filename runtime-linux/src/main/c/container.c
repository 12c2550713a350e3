/* The two children a monitor starts: a new container's init, or a process joining a running container. */
#include "helper.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int has_namespace(const struct spec *spec, const char *name) {
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, "namespace") == 0 && strcmp(spec->entries[i].fields[0], name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A new network namespace has a loopback device that is down. */
static void bring_loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    snprintf(request.ifr_name, sizeof(request.ifr_name), "lo");
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &request) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot read the loopback device's flags");
    }
    request.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &request) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot bring the loopback device up");
    }
    close(s);
}

void container_init(const struct spec *spec) {
    /* Non-dumpable: no process of the container can open our /proc entries, exe included, before execve. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    /* Born in the container's cgroups (see monitor.c), the init can enter its own cgroup namespace at once. */
    if (has_namespace(spec, "cgroup") && unshare(CLONE_NEWCGROUP) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot create the cgroup namespace");
    }
    const char *fifo_path = spec_value(spec, "fifo", NULL);
    int fifo = fifo_path ? open(fifo_path, O_PATH | O_CLOEXEC) : -1;
    if (fifo < 0) {
        fail_errno(EXIT_RUNTIME, "cannot open the start fifo %s", fifo_path ? fifo_path : "(none in the spec)");
    }
    if (!has_namespace(spec, "mnt")) {
        fail(EXIT_RUNTIME, "a container needs its own mount namespace");
    }
    prepare_rootfs(spec);
    enter_rootfs(spec);
    if (has_namespace(spec, "uts")) {
        const char *hostname = spec_value(spec, "hostname", "");
        if (sethostname(hostname, strlen(hostname)) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot set the host name %s", hostname);
        }
    }
    if (has_namespace(spec, "net")) {
        bring_loopback_up();
    }
    struct identity who;
    resolve_identity(spec, &who);
    if (spec_has(spec, "terminal")) {
        attach_terminal(&who, 1);
    } else if (setsid() < 0) {
        fail_errno(EXIT_RUNTIME, "cannot start a session");
    }
    install_seccomp(spec);
    apply_credentials(spec, &who);
    close_other_fds(sync_fd, fifo);
    enter_working_directory(spec);
    char **env = process_environment(spec, &who);
    char **argv = spec_list(spec, "arg");
    char path[4096];
    find_executable(argv[0], env, path, sizeof(path));
    if (send_message(sync_fd, "ready", -1) < 0) {
        _exit(EXIT_RUNTIME);
    }
    close(sync_fd);
    sync_fd = -1;

    /* Created: block until start opens the fifo's other end. Failures from here on travel through it. */
    char reopen[64];
    snprintf(reopen, sizeof(reopen), "/proc/self/fd/%d", fifo);
    int gate = open(reopen, O_WRONLY | O_CLOEXEC);
    if (gate < 0) {
        _exit(EXIT_RUNTIME);
    }
    close(fifo);
    if (write_all(gate, "S", 1) < 0) {
        _exit(EXIT_RUNTIME);
    }
    char error[4096];
    int code = execute(path, argv, env, error, sizeof(error));
    dprintf(gate, "%d %s", code, error);
    _exit(code);
}

static const struct {
    const char *name;
    int type;
} JOINED[] = {
    {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS}, {"net", CLONE_NEWNET}, {"cgroup", CLONE_NEWCGROUP},
    {"mnt", CLONE_NEWNS},
};

void container_exec(const struct spec *spec) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const char *target = spec_value(spec, "join-pid", NULL);
    if (!target) {
        fail(EXIT_RUNTIME, "the exec spec names no process to join");
    }
    /* Open every namespace first: after joining the mount namespace, the host's /proc is out of sight. */
    int fds[sizeof(JOINED) / sizeof(JOINED[0])];
    for (size_t i = 0; i < sizeof(JOINED) / sizeof(JOINED[0]); i++) {
        fds[i] = -1;
        if (has_namespace(spec, JOINED[i].name)) {
            char path[64];
            snprintf(path, sizeof(path), "/proc/%s/ns/%s", target, JOINED[i].name);
            fds[i] = open(path, O_RDONLY | O_CLOEXEC);
            if (fds[i] < 0) {
                fail_errno(EXIT_RUNTIME, "cannot open %s: is the container running?", path);
            }
        }
    }
    for (size_t i = 0; i < sizeof(JOINED) / sizeof(JOINED[0]); i++) {
        if (fds[i] >= 0 && setns(fds[i], JOINED[i].type) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot join the container's %s namespace", JOINED[i].name);
        }
        if (fds[i] >= 0) {
            close(fds[i]);
        }
    }
    struct identity who;
    resolve_identity(spec, &who);
    if (spec_has(spec, "terminal")) {
        attach_terminal(&who, 0);
    } else if (setsid() < 0) {
        fail_errno(EXIT_RUNTIME, "cannot start a session");
    }
    install_seccomp(spec);
    apply_credentials(spec, &who);
    close_other_fds(sync_fd, -1);
    enter_working_directory(spec);
    char **env = process_environment(spec, &who);
    char **argv = spec_list(spec, "arg");
    char path[4096];
    find_executable(argv[0], env, path, sizeof(path));
    /* The sync socket is close-on-exec: the monitor reads end-of-file when execve succeeded. */
    char error[4096];
    int code = execute(path, argv, env, error, sizeof(error));
    fail(code, "%s", error);
}
