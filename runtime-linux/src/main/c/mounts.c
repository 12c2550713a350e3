/*
 * The container's mount namespace: root file system, the spec's mounts, device nodes, masked and read-only
 * paths, then pivot_root. Every path inside the container is resolved with openat2(RESOLVE_IN_ROOT), so a
 * symlink in an image can never point a mount at the host; mounts then target /proc/self/fd/N.
 */
#include "helper.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

struct mount_options {
    unsigned long flags;
    unsigned long propagation;
    char data[4096];
};

static const struct {
    const char *name;
    int clear;
    unsigned long flag;
} FLAGS[] = {
    {"ro", 0, MS_RDONLY},          {"rw", 1, MS_RDONLY},          {"nosuid", 0, MS_NOSUID},
    {"suid", 1, MS_NOSUID},        {"nodev", 0, MS_NODEV},        {"dev", 1, MS_NODEV},
    {"noexec", 0, MS_NOEXEC},      {"exec", 1, MS_NOEXEC},        {"sync", 0, MS_SYNCHRONOUS},
    {"async", 1, MS_SYNCHRONOUS},  {"dirsync", 0, MS_DIRSYNC},    {"noatime", 0, MS_NOATIME},
    {"atime", 1, MS_NOATIME},      {"nodiratime", 0, MS_NODIRATIME}, {"diratime", 1, MS_NODIRATIME},
    {"relatime", 0, MS_RELATIME},  {"norelatime", 1, MS_RELATIME}, {"strictatime", 0, MS_STRICTATIME},
    {"nostrictatime", 1, MS_STRICTATIME}, {"bind", 0, MS_BIND}, {"rbind", 0, MS_BIND | MS_REC},
};

static const struct {
    const char *name;
    unsigned long flag;
} PROPAGATION[] = {
    {"private", MS_PRIVATE},  {"rprivate", MS_PRIVATE | MS_REC},       {"slave", MS_SLAVE},
    {"rslave", MS_SLAVE | MS_REC}, {"shared", MS_SHARED},             {"rshared", MS_SHARED | MS_REC},
    {"unbindable", MS_UNBINDABLE}, {"runbindable", MS_UNBINDABLE | MS_REC},
};

/* mount(8) options: flags become MS_* bits, propagation is applied separately, the rest is data. */
static void parse_options(const char *options, struct mount_options *out) {
    out->flags = 0;
    out->propagation = 0;
    out->data[0] = '\0';
    char copy[4096];
    snprintf(copy, sizeof(copy), "%s", options);
    char *saveptr = NULL;
    for (char *option = strtok_r(copy, ",", &saveptr); option; option = strtok_r(NULL, ",", &saveptr)) {
        int known = strcmp(option, "defaults") == 0;
        for (size_t i = 0; !known && i < sizeof(FLAGS) / sizeof(FLAGS[0]); i++) {
            if (strcmp(option, FLAGS[i].name) == 0) {
                out->flags = FLAGS[i].clear ? out->flags & ~FLAGS[i].flag : out->flags | FLAGS[i].flag;
                known = 1;
            }
        }
        for (size_t i = 0; !known && i < sizeof(PROPAGATION) / sizeof(PROPAGATION[0]); i++) {
            if (strcmp(option, PROPAGATION[i].name) == 0) {
                out->propagation = PROPAGATION[i].flag;
                known = 1;
            }
        }
        if (!known) {
            size_t used = strlen(out->data);
            snprintf(out->data + used, sizeof(out->data) - used, "%s%s", used ? "," : "", option);
        }
    }
}

/* The per-mount flags a bind remount must keep, read from the mount as it is. */
static unsigned long current_flags(const char *path) {
    struct statvfs st;
    if (statvfs(path, &st) < 0) {
        return 0;
    }
    unsigned long flags = 0;
    if (st.f_flag & ST_NOSUID) flags |= MS_NOSUID;
    if (st.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (st.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (st.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (st.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (st.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    return flags;
}

int open_in_root(int root_fd, const char *path, int flags) {
    struct open_how how = {
        .flags = (unsigned long long) (O_PATH | O_CLOEXEC | flags),
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    return (int) syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
}

static void fd_path(char *out, size_t size, int fd) {
    snprintf(out, size, "/proc/self/fd/%d", fd);
}

static int make_path_at_depth(int root_fd, const char *path, int as_file, int depth);

/*
 * The directory or file at path inside the root, created (with its parents) when missing. A dangling symlink
 * on the way is followed inside the root and its target created, as runc does: never outside the root.
 */
static int make_path(int root_fd, const char *path, int as_file) {
    return make_path_at_depth(root_fd, path, as_file, 0);
}

/* Creates what a dangling symlink at parent_fd/base points to; returns -1 when base is no symlink. */
static int make_symlink_target(int root_fd, int parent_fd, const char *parent, const char *base, int as_file,
                               int depth) {
    char target[4096], next[8192];
    ssize_t n = readlinkat(parent_fd, base, target, sizeof(target) - 1);
    if (n < 0) {
        return -1;
    }
    target[n] = '\0';
    if (depth >= 40) {
        errno = ELOOP;
        fail_errno(EXIT_RUNTIME, "cannot follow the symlinks at %s/%s in the container", parent, base);
    }
    if (target[0] == '/') {
        snprintf(next, sizeof(next), "%s", target);
    } else {
        snprintf(next, sizeof(next), "%s/%s", strcmp(parent, "/") == 0 ? "" : parent, target);
    }
    return make_path_at_depth(root_fd, next, as_file, depth + 1);
}

static int make_path_at_depth(int root_fd, const char *path, int as_file, int depth) {
    int fd = open_in_root(root_fd, path, 0);
    if (fd >= 0) {
        return fd;
    }
    if (errno != ENOENT) {
        fail_errno(EXIT_RUNTIME, "cannot open %s in the container", path);
    }
    char parent[4096];
    snprintf(parent, sizeof(parent), "%s", path);
    size_t length = strlen(parent);
    while (length > 1 && parent[length - 1] == '/') {
        parent[--length] = '\0';
    }
    char *slash = strrchr(parent, '/');
    if (!slash || slash[1] == '\0') {
        fail(EXIT_RUNTIME, "cannot create %s in the container", path);
    }
    char base[256];
    snprintf(base, sizeof(base), "%s", slash + 1);
    if (slash == parent) {
        slash[1] = '\0';
    } else {
        *slash = '\0';
    }
    int parent_fd = make_path_at_depth(root_fd, parent, 0, depth);
    int followed = make_symlink_target(root_fd, parent_fd, parent, base, as_file, depth);
    if (followed >= 0) {
        close(parent_fd);
        return followed;
    }
    if (as_file) {
        int file = openat(parent_fd, base, O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (file < 0) {
            fail_errno(EXIT_RUNTIME, "cannot create the mount point %s in the container", path);
        }
        close(file);
    } else if (mkdirat(parent_fd, base, 0755) < 0 && errno != EEXIST) {
        fail_errno(EXIT_RUNTIME, "cannot create the directory %s in the container", path);
    }
    close(parent_fd);
    fd = open_in_root(root_fd, path, 0);
    if (fd < 0) {
        fail_errno(EXIT_RUNTIME, "cannot open %s in the container", path);
    }
    return fd;
}

/* After a bind mount the remount must reach the new mount, so the target is opened again. */
static void remount_in_root(int root_fd, const char *destination, unsigned long flags) {
    int fd = open_in_root(root_fd, destination, 0);
    char target[64];
    fd_path(target, sizeof(target), fd);
    if (fd < 0 || mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | current_flags(target) | flags, NULL) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot remount %s in the container", destination);
    }
    close(fd);
}

static void propagate_in_root(int root_fd, const char *destination, unsigned long propagation) {
    int fd = open_in_root(root_fd, destination, 0);
    char target[64];
    fd_path(target, sizeof(target), fd);
    if (fd < 0 || mount(NULL, target, NULL, propagation, NULL) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot set the propagation of %s in the container", destination);
    }
    close(fd);
}

static void mount_in_root(int root_fd, const char **mount_fields) {
    const char *destination = mount_fields[0], *type = mount_fields[1], *source = mount_fields[2];
    struct mount_options options;
    parse_options(mount_fields[3], &options);
    int fd = make_path(root_fd, destination, strcmp(mount_fields[4], "file") == 0);
    char target[64];
    fd_path(target, sizeof(target), fd);
    int bind = (options.flags & MS_BIND) || strcmp(type, "bind") == 0;
    unsigned long first = bind ? MS_BIND | (options.flags & MS_REC) : options.flags;
    if (mount(source, target, bind ? NULL : type, first, bind ? NULL : options.data) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot mount %s (%s) on %s", source, type, destination);
    }
    close(fd);
    /* A bind mount takes its flags only on a remount. */
    unsigned long rest = options.flags & ~(MS_BIND | MS_REC);
    if (bind && rest) {
        remount_in_root(root_fd, destination, rest);
    }
    if (options.propagation) {
        propagate_in_root(root_fd, destination, options.propagation);
    }
}

static void mount_root(const struct spec *spec, const char *rootfs) {
    int mounted = 0;
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, "root") != 0) {
            continue;
        }
        const char **root = spec->entries[i].fields;
        const char *type = root[0], *source = root[1], *workdir = root[3];
        struct mount_options options;
        parse_options(root[2], &options);
        /* Relative lowerdirs keep overlay's option string within the page that mount(2) accepts. */
        if (workdir[0] && chdir(workdir) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot enter %s to mount the root file system", workdir);
        }
        int bind = (options.flags & MS_BIND) || strcmp(type, "bind") == 0;
        if (bind) {
            if (mount(source, rootfs, NULL, MS_BIND | (options.flags & MS_REC), NULL) < 0) {
                fail_errno(EXIT_RUNTIME, "cannot bind-mount the root file system %s", source);
            }
            unsigned long rest = options.flags & ~(MS_BIND | MS_REC);
            if (rest && mount(NULL, rootfs, NULL, MS_REMOUNT | MS_BIND | rest, NULL) < 0) {
                fail_errno(EXIT_RUNTIME, "cannot remount the root file system %s", source);
            }
        } else if (mount(source, rootfs, type, options.flags, options.data) < 0) {
            fail_errno(EXIT_RUNTIME, "cannot mount the root file system (%s %s)", type, source);
        }
        if (workdir[0] && chdir("/") < 0) {
            fail_errno(EXIT_RUNTIME, "cannot leave %s", workdir);
        }
        mounted++;
    }
    if (!mounted) {
        fail(EXIT_RUNTIME, "the spec has no root file system");
    }
}

static void split_path(const char *path, char *parent, size_t parent_size, char *base, size_t base_size) {
    const char *slash = strrchr(path, '/');
    if (!slash) {
        fail(EXIT_RUNTIME, "%s is not an absolute path", path);
    }
    snprintf(parent, parent_size, "%.*s", slash == path ? 1 : (int) (slash - path), path);
    snprintf(base, base_size, "%s", slash + 1);
}

static void create_device(int root_fd, const char **device) {
    char parent[4096], base[256];
    split_path(device[0], parent, sizeof(parent), base, sizeof(base));
    int dir = make_path(root_fd, parent, 0);
    mode_t type = device[1][0] == 'b' ? S_IFBLK : S_IFCHR;
    mode_t mode = (mode_t) strtoul(device[4], NULL, 8);
    dev_t number = makedev(strtoul(device[2], NULL, 10), strtoul(device[3], NULL, 10));
    if (mknodat(dir, base, type | mode, number) < 0) {
        if (errno != EEXIST) {
            fail_errno(EXIT_RUNTIME, "cannot create the device %s", device[0]);
        }
    } else if (fchownat(dir, base, (uid_t) atol(device[5]), (gid_t) atol(device[6]), AT_SYMLINK_NOFOLLOW) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot give the device %s its owner", device[0]);
    }
    close(dir);
}

static void create_symlink(int root_fd, const char *target, const char *link) {
    char parent[4096], base[256];
    split_path(link, parent, sizeof(parent), base, sizeof(base));
    int dir = make_path(root_fd, parent, 0);
    if (symlinkat(target, dir, base) < 0 && errno != EEXIST) {
        fail_errno(EXIT_RUNTIME, "cannot create the symlink %s", link);
    }
    close(dir);
}

/* Masking: /dev/null over a file, an empty read-only tmpfs over a directory. Missing paths need no mask. */
static void mask(int root_fd, const char *path) {
    int fd = open_in_root(root_fd, path, O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) {
            return;
        }
        fail_errno(EXIT_RUNTIME, "cannot open %s to mask it", path);
    }
    struct stat st;
    char target[64];
    fd_path(target, sizeof(target), fd);
    if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot inspect %s to mask it", path);
    }
    int result = S_ISDIR(st.st_mode) ? mount("tmpfs", target, "tmpfs", MS_RDONLY, "size=0,nr_inodes=1")
                                     : mount("/dev/null", target, NULL, MS_BIND, NULL);
    if (result < 0) {
        fail_errno(EXIT_RUNTIME, "cannot mask %s", path);
    }
    close(fd);
}

static void make_read_only(int root_fd, const char *path) {
    int fd = open_in_root(root_fd, path, O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) {
            return;
        }
        fail_errno(EXIT_RUNTIME, "cannot open %s to make it read-only", path);
    }
    char target[64];
    fd_path(target, sizeof(target), fd);
    if (mount(target, target, NULL, MS_BIND | MS_REC, NULL) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot bind %s to make it read-only", path);
    }
    close(fd);
    remount_in_root(root_fd, path, MS_RDONLY);
}

void prepare_rootfs(const struct spec *spec) {
    const char *rootfs = spec_value(spec, "rootfs", NULL);
    if (!rootfs) {
        fail(EXIT_RUNTIME, "the spec names no rootfs directory");
    }
    /* Nothing mounted from here on may propagate back to the host. */
    if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot make the mounts of the container private");
    }
    mount_root(spec, rootfs);
    int root_fd = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) {
        fail_errno(EXIT_RUNTIME, "cannot open the root file system at %s", rootfs);
    }
    mode_t saved_umask = umask(0);
    for (size_t i = 0; i < spec->count; i++) {
        const char *key = spec->entries[i].key;
        const char **fields = spec->entries[i].fields;
        if (strcmp(key, "mount") == 0) {
            mount_in_root(root_fd, fields);
        } else if (strcmp(key, "device") == 0) {
            create_device(root_fd, fields);
        } else if (strcmp(key, "symlink") == 0) {
            create_symlink(root_fd, fields[0], fields[1]);
        } else if (strcmp(key, "mkdir") == 0) {
            close(make_path(root_fd, fields[0], 0));
        }
    }
    umask(saved_umask);
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, "masked") == 0) {
            mask(root_fd, spec->entries[i].fields[0]);
        } else if (strcmp(spec->entries[i].key, "readonly") == 0) {
            make_read_only(root_fd, spec->entries[i].fields[0]);
        }
    }
    close(root_fd);
    if (spec_has(spec, "readonly-root")
        && mount(NULL, rootfs, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | current_flags(rootfs), NULL) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot make the root file system read-only");
    }
}

void enter_rootfs(const struct spec *spec) {
    const char *rootfs = spec_value(spec, "rootfs", NULL);
    int old_root = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    int new_root = open(rootfs, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (old_root < 0 || new_root < 0 || fchdir(new_root) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot enter the root file system %s", rootfs);
    }
    /* pivot_root(".", ".") stacks the old root on the new one, so no put_old directory is needed. */
    if (syscall(SYS_pivot_root, ".", ".") < 0) {
        fail_errno(EXIT_RUNTIME, "cannot pivot_root to %s", rootfs);
    }
    if (fchdir(old_root) < 0 || mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0
        || umount2(".", MNT_DETACH) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot detach the host's root file system");
    }
    if (chdir("/") < 0) {
        fail_errno(EXIT_RUNTIME, "cannot enter the new root");
    }
    close(old_root);
    close(new_root);
}
