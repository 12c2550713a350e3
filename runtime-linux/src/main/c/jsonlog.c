/*
 * Docker's json-file log: one line per entry, {"log":"...\n","stream":"stdout","time":"<RFC3339Nano>"}.
 * A line longer than 16 KiB is split into partial entries without the newline, as Docker splits it.
 */
#include "helper.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_ENTRY 16384

struct json_log {
    int fd;
    char partial[3][MAX_ENTRY];
    size_t partial_length[3];
};

static char line[MAX_ENTRY * 6 + 128];

struct json_log *json_log_open(const char *path) {
    struct json_log *log = calloc(1, sizeof(*log));
    if (!log) {
        return NULL;
    }
    log->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (log->fd < 0) {
        free(log);
        return NULL;
    }
    return log;
}

/* The length of a valid UTF-8 sequence at in (as Go's utf8.DecodeRune accepts it), or 0; *rune gets its value. */
static size_t utf8_sequence(const unsigned char *in, size_t length, unsigned *rune) {
    unsigned c = in[0];
    size_t size;
    unsigned min;
    if (c >= 0xc2 && c <= 0xdf) {
        size = 2, min = 0x80, *rune = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        size = 3, min = 0x800, *rune = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        size = 4, min = 0x10000, *rune = c & 0x07;
    } else {
        return 0;
    }
    if (length < size) {
        return 0;
    }
    for (size_t i = 1; i < size; i++) {
        if ((in[i] & 0xc0) != 0x80) {
            return 0;
        }
        *rune = *rune << 6 | (in[i] & 0x3f);
    }
    if (*rune < min || *rune > 0x10ffff || (*rune >= 0xd800 && *rune <= 0xdfff)) {
        return 0;
    }
    return size;
}

size_t json_escape(char *out, const unsigned char *in, size_t length) {
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; i < length;) {
        unsigned char b = in[i];
        if (b < 0x80) {
            if (b >= 0x20 && b != '\\' && b != '"' && b != '<' && b != '>' && b != '&') {
                out[o++] = (char) b;
            } else if (b == '\\' || b == '"') {
                out[o++] = '\\', out[o++] = (char) b;
            } else if (b == '\n') {
                out[o++] = '\\', out[o++] = 'n';
            } else if (b == '\r') {
                out[o++] = '\\', out[o++] = 'r';
            } else if (b == '\t') {
                out[o++] = '\\', out[o++] = 't';
            } else {
                memcpy(out + o, "\\u00", 4);
                o += 4;
                out[o++] = hex[b >> 4], out[o++] = hex[b & 0xf];
            }
            i++;
            continue;
        }
        unsigned rune;
        size_t size = utf8_sequence(in + i, length - i, &rune);
        if (!size) {
            memcpy(out + o, "\\ufffd", 6);
            o += 6;
            i++;
        } else if (rune == 0x2028 || rune == 0x2029) {
            memcpy(out + o, rune == 0x2028 ? "\\u2028" : "\\u2029", 6);
            o += 6;
            i += size;
        } else {
            memcpy(out + o, in + i, size);
            o += size;
            i += size;
        }
    }
    return o;
}

size_t format_rfc3339nano(char *out, size_t size, long long seconds, long nanoseconds) {
    time_t t = (time_t) seconds;
    struct tm utc;
    gmtime_r(&t, &utc);
    size_t n = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &utc);
    if (nanoseconds > 0) {
        char fraction[16];
        int digits = 9;
        while (nanoseconds % 10 == 0) {
            nanoseconds /= 10;
            digits--;
        }
        snprintf(fraction, sizeof(fraction), ".%0*ld", digits, nanoseconds);
        n += (size_t) snprintf(out + n, size - n, "%s", fraction);
    }
    n += (size_t) snprintf(out + n, size - n, "Z");
    return n;
}

static void write_entry(struct json_log *log, int stream, const char *text, size_t length) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    size_t n = 0;
    memcpy(line, "{\"log\":\"", 8);
    n = 8;
    n += json_escape(line + n, (const unsigned char *) text, length);
    n += (size_t) snprintf(line + n, sizeof(line) - n, "\",\"stream\":\"%s\",\"time\":\"",
                           stream == 2 ? "stderr" : "stdout");
    n += format_rfc3339nano(line + n, sizeof(line) - n, (long long) now.tv_sec, now.tv_nsec);
    n += (size_t) snprintf(line + n, sizeof(line) - n, "\"}\n");
    write_all(log->fd, line, n);
}

void json_log_write(struct json_log *log, int stream, const char *data, size_t length) {
    char *partial = log->partial[stream];
    size_t *used = &log->partial_length[stream];
    for (size_t i = 0; i < length; i++) {
        partial[(*used)++] = data[i];
        if (data[i] == '\n' || *used == MAX_ENTRY) {
            write_entry(log, stream, partial, *used);
            *used = 0;
        }
    }
}

void json_log_flush(struct json_log *log) {
    for (int stream = 1; stream <= 2; stream++) {
        if (log->partial_length[stream]) {
            write_entry(log, stream, log->partial[stream], log->partial_length[stream]);
            log->partial_length[stream] = 0;
        }
    }
}
