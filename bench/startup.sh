#!/usr/bin/env bash
# Start-up of the command line (issues 2 and 8): `berth version` and `berth info` against `java -version` of the
# JDK the launcher picks, with the start-up cache, without it, and with JDK 17 when installed. Median of `runs`
# (default 20) after 3 warm-up runs, with hyperfine. Needs a build (./mvnw -B -o -q package -DskipTests).
# Usage: bench/startup.sh [runs]   (stores go to $BENCH_DIR/startup, default /var/tmp/berth-bench/startup)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-20}
work=${BENCH_DIR:-/var/tmp/berth-bench}/startup
bench_packages hyperfine
rm -rf "$work" && mkdir -p "$work"
berth="./berth --data-root $work/data --exec-root $work/exec"
BERTH_STARTUP_CACHE=now $berth version > /dev/null

# median NAME COMMAND: one line with the median and the spread of the command's wall time.
median() {
  local name=$1
  shift
  hyperfine --runs "$runs" --warmup 3 --shell=none --style none --export-json "$work/result.json" -- "$*" > /dev/null
  python3 - "$name" "$work/result.json" <<'PY'
import json, statistics, sys
times = json.load(open(sys.argv[2]))["results"][0]["times"]
print("  %-46s median %4.0f ms  (min %4.0f, max %4.0f, %d runs)" % (sys.argv[1], statistics.median(times) * 1e3,
      min(times) * 1e3, max(times) * 1e3, len(times)))
PY
}

echo "== start-up, median of $runs"
for jdk in /usr/lib/jvm/*/; do
  [[ -x $jdk/bin/java && ! -L ${jdk%/} ]] || continue
  version=$("$jdk/bin/java" -version 2>&1 | head -1)
  echo "$version ($jdk)"
  export BERTH_JAVA=$jdk/bin/java
  BERTH_STARTUP_CACHE=now $berth version > /dev/null
  median "java -version" "$jdk/bin/java" -version
  median "berth version (start-up cache)" $berth version
  median "berth info (start-up cache)" $berth info
  BERTH_STARTUP_CACHE=off BERTH_CACHE_DIR=$work/no-cache median "berth version (no cache)" $berth version
done
rm -rf "$work"
