/*
 * berth-init: the small init that `--init` puts in front of the container's command. As PID 1 it forwards
 * every signal it can to its child, reaps every orphan, and exits with the child's code (128+N when the
 * child was killed by signal N). Built static, bind-mounted read-only into the container.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int first = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    if (first >= argc) {
        fprintf(stderr, "usage: berth-init [--] COMMAND [ARG...]\n");
        return 125;
    }
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &previous);
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "berth-init: cannot fork: %s\n", strerror(errno));
        return 125;
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &previous, NULL);
        execvp(argv[first], argv + first);
        fprintf(stderr, "berth-init: cannot run %s: %s\n", argv[first], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    for (;;) {
        /* Signals stay blocked, so PID 1 receives them all, including those with no handler. */
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig < 0) {
            continue;
        }
        if (sig != SIGCHLD) {
            kill(child, sig);
            continue;
        }
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            if (pid == child) {
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
        }
    }
}
