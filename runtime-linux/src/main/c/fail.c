/* Failure reports and the small I/O helpers everything else uses. */
#include "helper.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int sync_fd = -1;

static void report(int code, const char *message) __attribute__((noreturn));

static void report(int code, const char *message) {
    char line[4096];
    int n = snprintf(line, sizeof(line), "error %d %s", code, message);
    if (n < 0 || (size_t) n >= sizeof(line)) {
        n = (int) sizeof(line) - 1;
    }
    for (int i = 0; i < n; i++) {
        if (line[i] == '\n') {
            line[i] = ' ';
        }
    }
    if (sync_fd >= 0) {
        send_message(sync_fd, line, -1);
    } else {
        line[n] = '\n';
        write_all(REPORT_FD, line, (size_t) n + 1);
    }
    _exit(code);
}

void fail(int code, const char *format, ...) {
    char message[3072];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    report(code, message);
}

void fail_errno(int code, const char *format, ...) {
    int saved = errno;
    char message[3072];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    if (n >= 0 && (size_t) n < sizeof(message)) {
        snprintf(message + n, sizeof(message) - (size_t) n, ": %s", strerror(saved));
    }
    report(code, message);
}

int send_message(int socket, const char *message, int fd) {
    struct iovec iov = {.iov_base = (void *) message, .iov_len = strlen(message)};
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    if (fd >= 0) {
        memset(&control, 0, sizeof(control));
        msg.msg_control = control.buffer;
        msg.msg_controllen = sizeof(control.buffer);
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    }
    ssize_t n;
    do {
        n = sendmsg(socket, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -1 : 0;
}

ssize_t receive_message(int socket, char *buffer, size_t size, int *fd) {
    struct iovec iov = {.iov_base = buffer, .iov_len = size - 1};
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buffer,
                         .msg_controllen = sizeof(control.buffer)};
    *fd = -1;
    ssize_t n;
    do {
        n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return -1;
    }
    buffer[n] = '\0';
    for (struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_RIGHTS) {
            memcpy(fd, CMSG_DATA(cmsg), sizeof(int));
        }
    }
    return n;
}

int write_all(int fd, const void *data, size_t length) {
    const char *p = data;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += n;
        length -= (size_t) n;
    }
    return 0;
}

int write_file(const char *path, const char *content) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int result = write_all(fd, content, strlen(content));
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}
