#!/usr/bin/env bash
# Storage figures, side by side in one run (bench/README.md). Needs root (mounts) and a build:
#   ./mvnw -B -o -q package -DskipTests -pl bench -am
# Usage: bench/storage.sh [runs]   (work files go to $BENCH_DIR, default /var/tmp/berth-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=${BENCH_DIR:-/var/tmp/berth-bench}
cache=bench/.cache
cp_="bench/target/berth-bench.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')"
bench() { java -XX:+UseSerialGC -cp "$cp_" dev.berth.bench.StorageBench "$@"; }

# A Debian minbase root file system as one layer tar, made once and cached (git-ignored).
bench/minbase.sh > /dev/null

echo "== prepare a container root file system (create writable layer + mount + unmount), $runs runs"
for driver in overlay vfs; do
  for mb in 2 200; do bench prepare "$driver" "$mb" "$runs" "$work"; done
done

echo "== apply $(du -m $cache/minbase.tar | cut -f1) MB minbase layer ($runs runs each)"
for driver in overlay vfs; do bench apply "$driver" "$cache/minbase.tar" "$runs" "$work"; done
mkdir -p "$work"
hyperfine --runs "$runs" --style basic \
  --prepare "rm -rf $work/tar-x && mkdir -p $work/tar-x && sync" \
  -n "tar -x" "tar -C $work/tar-x -xf $cache/minbase.tar" \
  -n "tar -x + sync" "tar -C $work/tar-x -xf $cache/minbase.tar && sync -f $work/tar-x" 2>&1 | grep -E "^(Benchmark|  Time)"
rm -rf "$work/tar-x"
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  echo "== docker load (not measured: add it when a docker engine runs here)"
fi
