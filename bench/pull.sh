#!/usr/bin/env bash
# Pull figures, side by side in one run (bench/README.md): a ~200 MB Debian minbase image of three layers
# pulled from a local registry into an empty store by berth, `skopeo copy ... oci:` and `podman pull`;
# then the peak RSS of each, one pull each under /usr/bin/time -v. Needs root, bc and a build:
#   ./mvnw -B -o -q package -DskipTests
# Usage: bench/pull.sh [runs]   (work files go to $BENCH_DIR/pull, default /var/tmp/berth-bench/pull)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-5}
work=${BENCH_DIR:-/var/tmp/berth-bench}/pull
minbase=$(bench/minbase.sh)

# The image: app2 of the bench images (bench/lib.sh), three layers written by umoci, copied by skopeo into a
# registry on a free port, stopped on exit.
layout=$(bench_images)
bench_registry "$work"
trap 'kill $bench_registry_pid 2>/dev/null || true' EXIT
ref=$bench_registry_address/bench/minbase:app2
skopeo copy --quiet --dest-tls-verify=false "oci:$layout:app2" "docker://$ref"
echo "== pull of $ref: $(skopeo inspect --tls-verify=false docker://$ref | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["Layers"]))') layers, \
$(curl -fs -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$bench_registry_address/v2/bench/minbase/manifests/app2" \
  | python3 -c 'import json,sys; print(round(sum(l["size"] for l in json.load(sys.stdin)["layers"]) / 1e6, 1))') MB compressed, \
$(du -m "$minbase" | cut -f1) MB base layer uncompressed; $runs runs each, empty store before each"

berth="./berth --data-root $work/berth/data --exec-root $work/berth-exec"
podman="podman --root $work/podman/root --runroot $work/podman/run --storage-driver overlay ${bench_podman_host[*]}"
# A fresh store is a removed directory (not `podman system reset`, which also removes the machine's networks).
clean_podman="rm -rf $work/podman"
# The tools take turns within each round (not all runs of one, then all of the next), so that the load of a
# shared machine, which drifts, weighs on each alike. Each round starts from empty stores and synced disks.
declare -A prepare=(
  [berth pull]="rm -rf $work/berth"
  [skopeo copy oci:]="rm -rf $work/skopeo"
  [podman pull]="$clean_podman")
declare -A run=(
  [berth pull]="$berth pull -q $ref"
  [skopeo copy oci:]="skopeo copy --quiet --src-tls-verify=false docker://$ref oci:$work/skopeo:3"
  [podman pull]="$podman pull -q --tls-verify=false $ref")
: > "$work/times"
for round in $(seq "$runs"); do
  for tool in "berth pull" "skopeo copy oci:" "podman pull"; do
    eval "${prepare[$tool]}"; sync
    start=$(date +%s.%N)
    eval "${run[$tool]}" > /dev/null
    echo "$tool	$(echo "$(date +%s.%N) - $start" | bc)" >> "$work/times"
  done
done
python3 - "$work/times" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    tool, seconds = line.rstrip("\n").split("\t")
    times.setdefault(tool, []).append(float(seconds))
berth = statistics.median(times["berth pull"])
for tool, runs in times.items():
    median = statistics.median(runs)
    print(f"  {tool:18} median {median:6.3f} s  (min {min(runs):6.3f}, max {max(runs):6.3f})"
          f"   berth / this = {berth / median:.2f}")
PY

echo "== peak RSS (one pull each, /usr/bin/time -v)"
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.0f MB\n", $2 / 1024}'; }
rm -rf "$work/berth"; echo "  berth pull: $(peak $berth pull -q "$ref")"
rm -rf "$work/skopeo"; echo "  skopeo copy: $(peak skopeo copy --quiet --src-tls-verify=false "docker://$ref" "oci:$work/skopeo:3")"
eval "$clean_podman"; echo "  podman pull: $(peak $podman pull -q --tls-verify=false "$ref")"
eval "$clean_podman"; rm -rf "$work/berth" "$work/skopeo"
