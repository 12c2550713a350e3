/* The spec file: NUL-terminated strings, each key followed by as many fields as the table below says. */
#include "helper.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *key;
    int fields;
} KEYS[] = {
    {"version", 1},      {"id", 1},           {"root", 4},         {"rootfs", 1},     {"readonly-root", 0},
    {"hostname", 1},     {"namespace", 1},    {"cgroup-procs", 1}, {"cgroup-dir", 1},
    {"monitor-procs", 1}, {"oom-file", 1},
    {"mount", 5},        {"device", 7},       {"symlink", 2},      {"masked", 1},     {"readonly", 1},
    {"mkdir", 1},        {"arg", 1},          {"env", 1},          {"cwd", 1},        {"user", 1},
    {"group-add", 1},    {"terminal", 0},     {"stdin", 0},        {"console-size", 2},
    {"cap", 2},          {"no-new-privs", 0}, {"rlimit", 3},       {"umask", 1},      {"log", 1},
    {"exit-file", 1},    {"socket", 1},       {"fifo", 1},         {"exit-command", 1},
    {"join-pid", 1},      {"hold-output", 0},  {"seccomp-arch", 1},  {"seccomp", 4},
};

static int arity(const char *key) {
    for (size_t i = 0; i < sizeof(KEYS) / sizeof(KEYS[0]); i++) {
        if (strcmp(KEYS[i].key, key) == 0) {
            return KEYS[i].fields;
        }
    }
    return -1;
}

int spec_load(struct spec *spec, const char *path, char *error, size_t error_size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(error, error_size, "cannot read the spec %s: %s", path, strerror(errno));
        return -1;
    }
    size_t size = (size_t) st.st_size;
    spec->data = malloc(size + 1);
    size_t done = 0;
    while (spec->data && done < size) {
        ssize_t n = read(fd, spec->data + done, size - done);
        if (n <= 0) {
            snprintf(error, error_size, "cannot read the spec %s: %s", path, n < 0 ? strerror(errno) : "short");
            return -1;
        }
        done += (size_t) n;
    }
    close(fd);
    if (!spec->data || (size > 0 && spec->data[size - 1] != '\0')) {
        snprintf(error, error_size, "the spec %s is not a list of NUL-terminated strings", path);
        return -1;
    }
    /* Every string is at least one byte, so there are at most size strings. */
    const char **strings = malloc((size + 1) * sizeof(char *));
    spec->entries = malloc((size + 1) * sizeof(struct entry));
    if (!strings || !spec->entries) {
        snprintf(error, error_size, "out of memory");
        return -1;
    }
    size_t string_count = 0;
    for (size_t at = 0; at < size; at += strlen(spec->data + at) + 1) {
        strings[string_count++] = spec->data + at;
    }
    spec->count = 0;
    for (size_t i = 0; i < string_count;) {
        int fields = arity(strings[i]);
        if (fields < 0) {
            snprintf(error, error_size, "unknown key \"%s\" in the spec %s", strings[i], path);
            return -1;
        }
        if (i + 1 + (size_t) fields > string_count) {
            snprintf(error, error_size, "key \"%s\" lacks its fields in the spec %s", strings[i], path);
            return -1;
        }
        spec->entries[spec->count].key = strings[i];
        spec->entries[spec->count].fields = &strings[i + 1];
        spec->count++;
        i += 1 + (size_t) fields;
    }
    if (strcmp(spec_value(spec, "version", ""), "1") != 0) {
        snprintf(error, error_size, "the spec %s is not of version 1: helper and berth do not match", path);
        return -1;
    }
    return 0;
}

const char **spec_get(const struct spec *spec, const char *key) {
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, key) == 0) {
            return spec->entries[i].fields;
        }
    }
    return NULL;
}

const char *spec_value(const struct spec *spec, const char *key, const char *fallback) {
    const char **fields = spec_get(spec, key);
    return fields ? fields[0] : fallback;
}

int spec_has(const struct spec *spec, const char *key) {
    return spec_get(spec, key) != NULL;
}

char **spec_list(const struct spec *spec, const char *key) {
    char **list = calloc(spec->count + 1, sizeof(char *));
    if (!list) {
        fail(EXIT_RUNTIME, "out of memory");
    }
    size_t n = 0;
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, key) == 0) {
            list[n++] = (char *) spec->entries[i].fields[0];
        }
    }
    return list;
}
