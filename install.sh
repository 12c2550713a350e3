#!/usr/bin/env bash
# Installs the built berth under PREFIX (default /usr/local): the jars in PREFIX/lib/berth, the command as
# PREFIX/bin/berth, and its bash completion where bash-completion looks for it.
set -euo pipefail

prefix=${1:-/usr/local}
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
if [[ ! -f "$here/cli/target/berth-cli.jar" ]]; then
  echo "install.sh: build berth first: ./mvnw -B package -DskipTests" >&2
  exit 1
fi

lib="$prefix/lib/berth"
rm -rf "$lib.new"
mkdir -p "$lib.new" "$prefix/bin"
cp "$here/cli/target/berth-cli.jar" "$lib.new/"
cp -r "$here/cli/target/lib" "$lib.new/lib"
cp "$here/berth" "$lib.new/berth"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sfn "$lib/berth" "$prefix/bin/berth"

completions=${BASH_COMPLETION_DIR:-$prefix/share/bash-completion/completions}
mkdir -p "$completions"
# Also makes the start-up caches (AOT cache or CDS archive) now, at install time, rather than in the background
# of the first command: the one for most commands, then the registry commands' and the container commands' own.
BERTH_STARTUP_CACHE=now "$lib/berth" completion bash > "$completions/berth"
BERTH_STARTUP_CACHE=now "$lib/berth" login --help > /dev/null
BERTH_STARTUP_CACHE=now "$lib/berth" run --help > /dev/null

echo "berth installed: $prefix/bin/berth (completion: $completions/berth)"
