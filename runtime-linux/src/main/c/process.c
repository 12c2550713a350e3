/* The last steps before execve, shared by a container's init and by exec: user, terminal, credentials, exec. */
#include "helper.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>
#include <grp.h>

static int is_number(const char *s) {
    if (!*s) {
        return 0;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return 0;
        }
    }
    return 1;
}

/*
 * Splits the lines of an /etc/passwd or /etc/group style file into fields and calls match on each; stops when
 * match returns non-zero. A missing file matches nothing, as with runc.
 */
static int scan_colon_file(const char *path, int (*match)(char **fields, int count, void *context), void *context) {
    FILE *file = fopen(path, "re");
    if (!file) {
        return 0;
    }
    char line[4096];
    int found = 0;
    while (!found && fgets(line, sizeof(line), file)) {
        line[strcspn(line, "\n")] = '\0';
        char *fields[8];
        int count = 0;
        char *p = line;
        while (count < 8) {
            fields[count++] = p;
            char *colon = strchr(p, ':');
            if (!colon) {
                break;
            }
            *colon = '\0';
            p = colon + 1;
        }
        found = match(fields, count, context);
    }
    fclose(file);
    return found;
}

struct passwd_query {
    const char *name;
    uid_t uid;
    int by_uid;
    char found_name[256];
    uid_t found_uid;
    gid_t found_gid;
    char home[256];
};

static int match_passwd(char **fields, int count, void *context) {
    struct passwd_query *q = context;
    if (count < 7 || !is_number(fields[2]) || !is_number(fields[3])) {
        return 0;
    }
    if (q->by_uid ? (uid_t) strtoul(fields[2], NULL, 10) != q->uid : strcmp(fields[0], q->name) != 0) {
        return 0;
    }
    snprintf(q->found_name, sizeof(q->found_name), "%s", fields[0]);
    q->found_uid = (uid_t) strtoul(fields[2], NULL, 10);
    q->found_gid = (gid_t) strtoul(fields[3], NULL, 10);
    snprintf(q->home, sizeof(q->home), "%s", fields[5]);
    return 1;
}

struct group_query {
    const char *name;
    gid_t gid;
    const char *member;
    struct identity *who;
};

static int match_group_name(char **fields, int count, void *context) {
    struct group_query *q = context;
    if (count < 3 || !is_number(fields[2]) || strcmp(fields[0], q->name) != 0) {
        return 0;
    }
    q->gid = (gid_t) strtoul(fields[2], NULL, 10);
    return 1;
}

/* Collects every group that lists the user as a member. */
static int match_membership(char **fields, int count, void *context) {
    struct group_query *q = context;
    if (count < 4 || !is_number(fields[2])) {
        return 0;
    }
    char members[4096];
    snprintf(members, sizeof(members), "%s", fields[3]);
    char *saveptr = NULL;
    for (char *m = strtok_r(members, ",", &saveptr); m; m = strtok_r(NULL, ",", &saveptr)) {
        if (strcmp(m, q->member) == 0 && q->who->group_count < 64) {
            q->who->groups[q->who->group_count++] = (gid_t) strtoul(fields[2], NULL, 10);
            break;
        }
    }
    return 0;
}

void resolve_identity(const struct spec *spec, struct identity *who) {
    char user[512];
    snprintf(user, sizeof(user), "%s", spec_value(spec, "user", ""));
    char *group = strchr(user, ':');
    if (group) {
        *group++ = '\0';
    }
    struct passwd_query query = {.name = user, .by_uid = is_number(user)};
    if (!user[0]) {
        query.by_uid = 1;
        query.uid = 0;
    } else if (query.by_uid) {
        query.uid = (uid_t) strtoul(user, NULL, 10);
    }
    int known = scan_colon_file("/etc/passwd", match_passwd, &query);
    if (!known && !query.by_uid) {
        fail(EXIT_RUNTIME, "unable to find user %s: no matching entries in passwd file", user);
    }
    who->uid = known ? query.found_uid : query.uid;
    who->gid = known ? query.found_gid : 0;
    snprintf(who->home, sizeof(who->home), "%s", known && query.home[0] ? query.home : "/");
    who->group_count = 0;
    if (group && group[0]) {
        if (is_number(group)) {
            who->gid = (gid_t) strtoul(group, NULL, 10);
        } else {
            struct group_query g = {.name = group};
            if (!scan_colon_file("/etc/group", match_group_name, &g)) {
                fail(EXIT_RUNTIME, "unable to find group %s: no matching entries in group file", group);
            }
            who->gid = g.gid;
        }
    }
    if (known) {
        struct group_query g = {.member = query.found_name, .who = who};
        scan_colon_file("/etc/group", match_membership, &g);
    }
    for (size_t i = 0; i < spec->count && who->group_count < 64; i++) {
        if (strcmp(spec->entries[i].key, "group-add") == 0) {
            who->groups[who->group_count++] = (gid_t) strtoul(spec->entries[i].fields[0], NULL, 10);
        }
    }
}

void attach_terminal(const struct identity *who, int bind_console) {
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    int unlock = 0;
    unsigned int number;
    if (master < 0 || ioctl(master, TIOCSPTLCK, &unlock) < 0 || ioctl(master, TIOCGPTN, &number) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot open a terminal in the container");
    }
    char slave_path[64];
    snprintf(slave_path, sizeof(slave_path), "/dev/pts/%u", number);
    int slave = open(slave_path, O_RDWR | O_NOCTTY);
    if (slave < 0 || fchown(slave, who->uid, (gid_t) -1) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot open the terminal %s", slave_path);
    }
    if (bind_console) {
        int console = open("/dev/console", O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (console < 0 || mount(slave_path, "/dev/console", NULL, MS_BIND, NULL) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot bind the terminal to /dev/console");
        }
        close(console);
    }
    if (send_message(sync_fd, "pty", master) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot pass the terminal to the monitor");
    }
    close(master);
    if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot make %s the controlling terminal", slave_path);
    }
    for (int fd = 0; fd < 3; fd++) {
        if (dup2(slave, fd) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot make the terminal the standard streams");
        }
    }
    if (slave > 2) {
        close(slave);
    }
}

static void apply_rlimits(const struct spec *spec) {
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, "rlimit") != 0) {
            continue;
        }
        const char **f = spec->entries[i].fields;
        struct rlimit limit = {
            .rlim_cur = strcmp(f[1], "-1") == 0 ? RLIM_INFINITY : strtoull(f[1], NULL, 10),
            .rlim_max = strcmp(f[2], "-1") == 0 ? RLIM_INFINITY : strtoull(f[2], NULL, 10),
        };
        if (setrlimit(atoi(f[0]), &limit) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot set rlimit %s to %s:%s", f[0], f[1], f[2]);
        }
    }
}

static unsigned long long cap_set(const struct spec *spec, const char *name) {
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, "cap") == 0 && strcmp(spec->entries[i].fields[0], name) == 0) {
            return strtoull(spec->entries[i].fields[1], NULL, 16);
        }
    }
    return 0;
}

void apply_credentials(const struct spec *spec, const struct identity *who) {
    apply_rlimits(spec);
    if (spec_has(spec, "no-new-privs") && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot set no_new_privs");
    }
    unsigned long long bounding = cap_set(spec, "bounding");
    for (int cap = 0; cap < 64; cap++) {
        if (!(bounding & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            if (errno == EINVAL) {
                break; /* past the last capability this kernel knows */
            }
            fail_errno(EXIT_RUNTIME, "cannot drop capability %d from the bounding set", cap);
        }
    }
    /* Keep the permitted set across setuid, then set exactly the spec's sets. */
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot keep capabilities across setuid");
    }
    if (setgroups((size_t) who->group_count, who->groups) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot set the additional groups");
    }
    if (syscall(SYS_setresgid, who->gid, who->gid, who->gid) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot set group %u", (unsigned) who->gid);
    }
    if (syscall(SYS_setresuid, who->uid, who->uid, who->uid) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot set user %u", (unsigned) who->uid);
    }
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot reset keepcaps");
    }
    unsigned long long effective = cap_set(spec, "effective"), permitted = cap_set(spec, "permitted"),
                       inheritable = cap_set(spec, "inheritable"), ambient = cap_set(spec, "ambient");
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2] = {
        {(unsigned) effective, (unsigned) permitted, (unsigned) inheritable},
        {(unsigned) (effective >> 32), (unsigned) (permitted >> 32), (unsigned) (inheritable >> 32)},
    };
    if (syscall(SYS_capset, &header, data) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot set the capabilities");
    }
    for (int cap = 0; cap < 64; cap++) {
        if ((ambient & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot raise ambient capability %d", cap);
        }
    }
    umask((mode_t) strtoul(spec_value(spec, "umask", "022"), NULL, 8));
}

void close_other_fds(int keep_a, int keep_b) {
    int low = keep_a < keep_b ? keep_a : keep_b, high = keep_a < keep_b ? keep_b : keep_a;
    unsigned int from = 3;
    int keeps[2] = {low, high};
    for (int i = 0; i < 2; i++) {
        if (keeps[i] < (int) from) {
            continue;
        }
        if ((unsigned) keeps[i] > from) {
            syscall(SYS_close_range, from, (unsigned) keeps[i] - 1, 0);
        }
        from = (unsigned) keeps[i] + 1;
    }
    syscall(SYS_close_range, from, ~0U, 0);
}

void enter_working_directory(const struct spec *spec) {
    const char *cwd = spec_value(spec, "cwd", "/");
    if (chdir(cwd) < 0) {
        fail_errno(EXIT_CANNOT_EXECUTE, "chdir to the working directory %s failed", cwd);
    }
    /* A directory reached through a descriptor of the host's would lie outside the root (CVE-2024-21626). */
    char here[4096];
    if (!getcwd(here, sizeof(here)) || here[0] != '/') {
        fail(EXIT_CANNOT_EXECUTE, "the working directory %s is outside the container", cwd);
    }
}

char **process_environment(const struct spec *spec, const struct identity *who) {
    char **env = spec_list(spec, "env");
    size_t n = 0;
    int has_home = 0;
    for (; env[n]; n++) {
        has_home |= strncmp(env[n], "HOME=", 5) == 0;
    }
    if (has_home) {
        return env;
    }
    char **with_home = realloc(env, (n + 2) * sizeof(char *));
    static char home[300];
    snprintf(home, sizeof(home), "HOME=%s", who->home);
    if (!with_home) {
        fail(EXIT_RUNTIME, "out of memory");
    }
    with_home[n] = home;
    with_home[n + 1] = NULL;
    return with_home;
}

static int executable_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

void find_executable(const char *command, char **env, char *path, size_t size) {
    if (!command[0]) {
        fail(EXIT_NOT_FOUND, "exec: \"\": executable file not found in $PATH");
    }
    if (strchr(command, '/')) {
        struct stat st;
        if (stat(command, &st) < 0) {
            fail_errno(errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND : EXIT_CANNOT_EXECUTE,
                       "exec: \"%s\": stat %s", command, command);
        }
        if (S_ISDIR(st.st_mode)) {
            fail(EXIT_CANNOT_EXECUTE, "exec: \"%s\": is a directory", command);
        }
        if (access(command, X_OK) < 0) {
            fail(EXIT_CANNOT_EXECUTE, "exec: \"%s\": permission denied", command);
        }
        snprintf(path, size, "%s", command);
        return;
    }
    const char *search = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (int i = 0; env[i]; i++) {
        if (strncmp(env[i], "PATH=", 5) == 0) {
            search = env[i] + 5;
        }
    }
    for (const char *dir = search;; dir++) {
        size_t length = strcspn(dir, ":");
        snprintf(path, size, "%.*s%s%s", (int) length, length ? dir : ".", "/", command);
        if (executable_file(path)) {
            return;
        }
        dir += length;
        if (!*dir) {
            break;
        }
    }
    fail(EXIT_NOT_FOUND, "exec: \"%s\": executable file not found in $PATH", command);
}

int execute(const char *path, char **argv, char **env, char *error, size_t error_size) {
    sigset_t none;
    sigemptyset(&none);
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) {
            signal(sig, SIG_DFL);
        }
    }
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, env);
    int code = errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXECUTE;
    snprintf(error, error_size, "exec: \"%s\": %s", argv[0], strerror(errno));
    return code;
}
