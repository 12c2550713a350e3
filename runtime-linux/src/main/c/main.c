/* Entry point: berth-helper create|exec SPEC, with the report pipe on fd 3. */
#include "helper.h"

#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    /* Nothing of the caller's but the report pipe may reach the monitor or the container. */
    syscall(SYS_close_range, REPORT_FD + 1, ~0U, 0);
    int exec_mode = argc == 3 && strcmp(argv[1], "exec") == 0;
    if (argc != 3 || (!exec_mode && strcmp(argv[1], "create") != 0)) {
        fail(EXIT_RUNTIME, "usage: berth-helper create|exec SPEC (berth runs this, with a report pipe on fd 3)");
    }
    static struct spec spec;
    char error[4096];
    if (spec_load(&spec, argv[2], error, sizeof(error)) < 0) {
        fail(EXIT_RUNTIME, "%s", error);
    }
    /* berth spawned this process as a session leader (POSIX_SPAWN_SETSID): it is the monitor itself. */
    return monitor_main(&spec, exec_mode);
}
