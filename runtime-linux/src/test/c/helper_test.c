/* Unit tests of the helper's pure parts: json-file escaping, timestamps, the spec format. */
#include "helper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;

#define CHECK_STRING(actual, expected)                                                                   \
    do {                                                                                                 \
        if (strcmp((actual), (expected)) != 0) {                                                         \
            fprintf(stderr, "%s:%d: expected [%s], got [%s]\n", __FILE__, __LINE__, (expected), (actual)); \
            failures++;                                                                                  \
        }                                                                                                \
    } while (0)

static const char *escaped(const char *in, size_t length) {
    static char out[1024];
    size_t n = json_escape(out, (const unsigned char *) in, length);
    out[n] = '\0';
    return out;
}

static void test_json_escape(void) {
    CHECK_STRING(escaped("plain text", 10), "plain text");
    CHECK_STRING(escaped("a\"b\\c\n", 6), "a\\\"b\\\\c\\n");
    CHECK_STRING(escaped("\r\t\b\x01\x7f", 5), "\\r\\t\\u0008\\u0001\x7f");
    /* Go's encoder is HTML-safe: Docker's logs have these escaped. */
    CHECK_STRING(escaped("<a>&", 4), "\\u003ca\\u003e\\u0026");
    CHECK_STRING(escaped("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3", 12), "h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3");
    /* Invalid UTF-8, overlong forms and surrogates each become U+FFFD, byte by byte. */
    CHECK_STRING(escaped("\xff", 1), "\\ufffd");
    CHECK_STRING(escaped("\xc0\xaf", 2), "\\ufffd\\ufffd");
    CHECK_STRING(escaped("\xed\xa0\x80", 3), "\\ufffd\\ufffd\\ufffd");
    CHECK_STRING(escaped("\xe2\x82", 2), "\\ufffd\\ufffd");
    CHECK_STRING(escaped("\xe2\x80\xa8", 3), "\\u2028");
    CHECK_STRING(escaped("a\0b", 3), "a\\u0000b");
}

static void test_rfc3339nano(void) {
    char out[64];
    format_rfc3339nano(out, sizeof(out), 0, 0);
    CHECK_STRING(out, "1970-01-01T00:00:00Z");
    format_rfc3339nano(out, sizeof(out), 1732800000, 123456789);
    CHECK_STRING(out, "2024-11-28T13:20:00.123456789Z");
    format_rfc3339nano(out, sizeof(out), 1732800000, 120000000);
    CHECK_STRING(out, "2024-11-28T13:20:00.12Z");
    format_rfc3339nano(out, sizeof(out), 1732800000, 5);
    CHECK_STRING(out, "2024-11-28T13:20:00.000000005Z");
}

static const char *write_spec(const char *bytes, size_t length) {
    static char path[] = "/tmp/berth-spec-test-XXXXXX";
    strcpy(path, "/tmp/berth-spec-test-XXXXXX");
    int fd = mkstemp(path);
    if (write(fd, bytes, length) != (ssize_t) length) {
        perror("write");
        exit(1);
    }
    close(fd);
    return path;
}

static void test_spec(void) {
    char error[512];
    struct spec spec;
    static const char good[] = "version\0001\0arg\0sh\0arg\0-c\0mount\0/proc\0proc\0proc\0nosuid\0dir\0terminal\0";
    const char *path = write_spec(good, sizeof(good) - 1);
    if (spec_load(&spec, path, error, sizeof(error)) != 0) {
        fprintf(stderr, "a good spec was refused: %s\n", error);
        failures++;
    } else {
        char **args = spec_list(&spec, "arg");
        CHECK_STRING(args[0], "sh");
        CHECK_STRING(args[1], "-c");
        if (args[2] != NULL || !spec_has(&spec, "terminal") || spec_has(&spec, "stdin")) {
            fprintf(stderr, "the good spec was misread\n");
            failures++;
        }
        CHECK_STRING(spec_get(&spec, "mount")[4], "dir");
        CHECK_STRING(spec_value(&spec, "cwd", "/"), "/");
    }
    unlink(path);

    static const char unknown[] = "version\0001\0frobnicate\0x\0";
    path = write_spec(unknown, sizeof(unknown) - 1);
    if (spec_load(&spec, path, error, sizeof(error)) == 0 || !strstr(error, "unknown key \"frobnicate\"")) {
        fprintf(stderr, "an unknown key was not refused by name: %s\n", error);
        failures++;
    }
    unlink(path);

    static const char short_fields[] = "version\0001\0mount\0/proc\0proc\0";
    path = write_spec(short_fields, sizeof(short_fields) - 1);
    if (spec_load(&spec, path, error, sizeof(error)) == 0 || !strstr(error, "lacks its fields")) {
        fprintf(stderr, "a key without its fields was not refused: %s\n", error);
        failures++;
    }
    unlink(path);

    static const char unterminated[] = "version\0001\0arg\0sh";
    path = write_spec(unterminated, sizeof(unterminated) - 1);
    if (spec_load(&spec, path, error, sizeof(error)) == 0 || !strstr(error, "NUL-terminated")) {
        fprintf(stderr, "an unterminated spec was not refused: %s\n", error);
        failures++;
    }
    unlink(path);

    static const char other_version[] = "version\0002\0";
    path = write_spec(other_version, sizeof(other_version) - 1);
    if (spec_load(&spec, path, error, sizeof(error)) == 0 || !strstr(error, "version 1")) {
        fprintf(stderr, "a spec of another version was not refused: %s\n", error);
        failures++;
    }
    unlink(path);
}

int main(void) {
    test_json_escape();
    test_rfc3339nano();
    test_spec();
    if (failures) {
        fprintf(stderr, "helper tests: %d failure(s)\n", failures);
        return 1;
    }
    printf("helper tests: all passed\n");
    return 0;
}
