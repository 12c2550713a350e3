/*
 * A seccomp filter of denied system calls, as the spec lists them ("seccomp NR ERRNO ARG MASK": refuse NR
 * with ERRNO, or only when argument ARG has a bit of MASK set). Calls of another ABI than the spec's
 * architecture (i386 or x32 on x86_64) are refused altogether: their numbers differ.
 */
#include "helper.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#define X32_SYSCALL_BIT 0x40000000u

void install_seccomp(const struct spec *spec) {
    const char *arch = spec_value(spec, "seccomp-arch", NULL);
    if (!arch) {
        return;
    }
    size_t rules = 0;
    for (size_t i = 0; i < spec->count; i++) {
        rules += strcmp(spec->entries[i].key, "seccomp") == 0;
    }
    struct sock_filter *filter = calloc(8 + rules * 5, sizeof(struct sock_filter));
    if (!filter) {
        fail(EXIT_RUNTIME, "out of memory");
    }
    size_t n = 0;
    const unsigned refuse_all = SECCOMP_RET_ERRNO | EPERM;
    filter[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    filter[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned) strtoul(arch, NULL, 10), 1, 0);
    filter[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, refuse_all);
    filter[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    filter[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 0, 1);
    filter[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, refuse_all);
    for (size_t i = 0; i < spec->count; i++) {
        if (strcmp(spec->entries[i].key, "seccomp") != 0) {
            continue;
        }
        const char **rule = spec->entries[i].fields;
        unsigned nr = (unsigned) strtoul(rule[0], NULL, 10);
        unsigned refuse = SECCOMP_RET_ERRNO | ((unsigned) atoi(rule[1]) & SECCOMP_RET_DATA);
        int argument = atoi(rule[2]);
        if (argument < 0) {
            filter[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1);
            filter[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, refuse);
            continue;
        }
        /* Little-endian: the low 32 bits of args[i] come first. A is the call number again after the block. */
        filter[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 4);
        filter[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                                    offsetof(struct seccomp_data, args) + 8 * (unsigned) argument);
        filter[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (unsigned) strtoul(rule[3], NULL, 10), 0, 1);
        filter[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, refuse);
        filter[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    }
    filter[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog program = {.len = (unsigned short) n, .filter = filter};
    /* Installed while the process still has CAP_SYS_ADMIN, so that no_new_privs is not required. */
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) < 0) {
        fail_errno(EXIT_RUNTIME, "cannot install the seccomp filter");
    }
    free(filter);
}
