#!/bin/sh
# Builds the native helper and the --init binary with the system C compiler, static, into $1 (the resource
# directory the jar is made from), each with its sha256 beside it; with "test", builds and runs the C tests.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mode=${2:-build}
flags="-std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -static"
if [ "$mode" = test ]; then
    tests=$3
    mkdir -p "$tests"
    ${CC:-gcc} $flags -I"$here" -o "$tests/helper-test" "$here/../../test/c/helper_test.c" \
        "$here/jsonlog.c" "$here/spec.c" "$here/fail.c"
    exec "$tests/helper-test"
fi
mkdir -p "$out"
${CC:-gcc} $flags -s -o "$out/berth-helper" "$here"/main.c "$here"/spec.c "$here"/fail.c "$here"/mounts.c \
    "$here"/process.c "$here"/container.c "$here"/monitor.c "$here"/jsonlog.c "$here"/seccomp.c
${CC:-gcc} $flags -Os -s -o "$out/berth-init" "$here/init/berth-init.c"
for binary in berth-helper berth-init; do
    sha256sum "$out/$binary" | cut -d' ' -f1 > "$out/$binary.sha256"
done
