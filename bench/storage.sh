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

# Preparing takes some milliseconds, so it gets at least 20 runs whatever the rounds of the applies: with 5, the
# medians of the two sizes differed by up to a fifth from run to run of this script on this machine.
prepares=$((runs > 20 ? runs : 20))
echo "== prepare a container root file system (create writable layer + mount + unmount), $prepares runs"
for driver in overlay vfs; do
  for mb in 2 200; do bench prepare "$driver" "$mb" "$prepares" "$work"; done
done

# The applies take turns round by round (berth with overlay, berth with vfs, tar -x, tar -x + sync, the order
# rotated each round), each after a sync and after the previous run's files were deleted: this VM's file
# system slows the creation of inodes for some 30 s after many were deleted, and the writeback of one run slows
# the next, so one tool's runs in a row would measure the machine's state as much as the tool.
echo "== apply $(du -m $cache/minbase.tar | cut -f1) MB minbase layer, $runs rounds, the tools taking turns"
mkdir -p "$work"
tools=("berth overlay" "berth vfs" "tar -x" "tar -x + sync")
declare -A times=()
for ((round = 0; round < runs; round++)); do
  for ((i = 0; i < ${#tools[@]}; i++)); do
    tool=${tools[(i + round) % ${#tools[@]}]}
    rm -rf "$work/tar-x" && mkdir -p "$work/tar-x" && sync
    case $tool in
      berth*)
        seconds=$(bench apply "${tool#berth }" "$cache/minbase.tar" 1 "$work" | sed -n 's/.*median \([0-9.]*\) s.*/\1/p') ;;
      *)
        start=$(date +%s%N)
        tar -C "$work/tar-x" -xf "$cache/minbase.tar"
        if [[ $tool == *sync ]]; then sync -f "$work/tar-x"; fi
        seconds=$(echo "scale=3; ($(date +%s%N) - $start) / 1000000000" | bc) ;;
    esac
    times[$tool]+="$seconds "
  done
done
rm -rf "$work/tar-x"
megabytes=$(echo "scale=1; $(stat -c %s "$cache/minbase.tar") / 1000000" | bc)
for tool in "${tools[@]}"; do
  python3 - "$tool" "$megabytes" ${times[$tool]} <<'PY'
import statistics, sys
tool, mb, runs = sys.argv[1], float(sys.argv[2]), [float(t) for t in sys.argv[3:]]
m = statistics.median(runs)
print("  %-14s median %.3f s = %5.1f MB/s  (min %.3f, max %.3f, %d runs)" % (tool, m, mb / m, min(runs), max(runs), len(runs)))
PY
done
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  echo "== docker load (not measured: add it when a docker engine runs here)"
fi
