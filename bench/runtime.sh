#!/usr/bin/env bash
# Runtime figures, side by side in one run (bench/README.md). Needs root and a build:
#   ./mvnw -B -o -q package -DskipTests -pl bench -am
# Usage: bench/runtime.sh [runs] [containers]   (work files go to $BENCH_DIR/runtime, default /var/tmp/berth-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-100}
many=${2:-50}
work=${BENCH_DIR:-/var/tmp/berth-bench}/runtime
cp_="bench/target/berth-bench.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')"
bench() { java -XX:+UseSerialGC -cp "$cp_" dev.berth.bench.RuntimeBench "$@"; }
bench_packages crun runc hyperfine busybox-static

# The same root file system for everyone: Debian's static busybox and its applets.
bench clean "$work" 2>/dev/null || true
rm -rf "$work" && mkdir -p "$work/rootfs"/{bin,etc,proc,sys,dev,tmp,root}
cp /bin/busybox "$work/rootfs/bin/"
for applet in $(/bin/busybox --list); do [[ $applet == busybox ]] || ln -s busybox "$work/rootfs/bin/$applet"; done
echo 'root:x:0:0:root:/root:/bin/sh' > "$work/rootfs/etc/passwd"
echo 'root:x:0:' > "$work/rootfs/etc/group"

# An OCI bundle for crun and runc equivalent to berth's spec: crun's default config (pid, mount, uts, ipc and
# network namespaces, /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, read-only /sys, masked and read-only paths)
# with /bin/true on the same read-only root and Docker's 14 capabilities. No /sys/fs/cgroup mount: berth mounts
# none on cgroup v1 either.
mkdir -p "$work/bundle" && (cd "$work/bundle" && crun spec)
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
path = work + "/bundle/config.json"
config = json.load(open(path))
config["process"]["args"] = ["/bin/true"]
config["process"]["terminal"] = False
config["root"] = {"path": work + "/rootfs", "readonly": True}
caps = ["CAP_" + c for c in "CHOWN DAC_OVERRIDE FSETID FOWNER MKNOD NET_RAW SETGID SETUID SETFCAP SETPCAP "
        "NET_BIND_SERVICE SYS_CHROOT KILL AUDIT_WRITE".split()]
for kind in ("bounding", "effective", "permitted"):
    config["process"]["capabilities"][kind] = caps
config["process"]["capabilities"].pop("inheritable", None)
config["process"]["capabilities"].pop("ambient", None)
config["mounts"] = [m for m in config["mounts"] if m["destination"] != "/sys/fs/cgroup"]
json.dump(config, open(path, "w"), indent=1)
PY

rounds=5
per=$(( (runs + rounds - 1) / rounds ))
echo "== from spec to command, and back: /bin/true on the busybox root, $rounds rounds of $per runs each, alternating"
echo "   (crun 1.8.1 refuses this host's hybrid cgroup layout because the v2 hierarchy holds hugetlb: crun and runc run"
echo "    in a private mount namespace where /sys/fs/cgroup/unified is unmounted, so they see plain v1 as berth uses it)"
for round in $(seq "$rounds"); do
  unshare -m --propagation private bash -c "umount /sys/fs/cgroup/unified 2>/dev/null || true
    hyperfine -N -w 5 -r $per --style none --export-json $work/oci-$round.json \
      -n 'crun run' 'crun run -b $work/bundle crun-bench' \
      -n 'crun run, no cgroups' 'crun --cgroup-manager=disabled run -b $work/bundle crun-nocg-bench' \
      -n 'runc run' 'runc run -b $work/bundle runc-bench'" >/dev/null 2>&1
  bench cycle "$work/rootfs" "$per" "$work" > "$work/berth-cycle-$round.txt"
done
python3 - "$work" "$rounds" <<'PY'
import json, re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
oci, berth, ratios = {}, [], {}
for r in range(1, rounds + 1):
    line = open("%s/berth-cycle-%d.txt" % (work, r)).read()
    mean = float(re.search(r"mean +([0-9.]+)", line).group(1))
    berth += [float(x) for x in re.findall(r"RUN ([0-9.]+)", line)]
    for result in json.load(open("%s/oci-%d.json" % (work, r)))["results"]:
        oci.setdefault(result["command"], []).extend(t * 1000 for t in result["times"])
        ratios.setdefault(result["command"], []).append(mean / (result["mean"] * 1000))
def summary(times):
    return "mean %6.2f ms ± %5.2f   median %6.2f   (%d runs)" % (statistics.mean(times), statistics.pstdev(times),
                                                               statistics.median(times), len(times))
print("   %-22s %s" % ("berth", summary(berth)))
for name, times in oci.items():
    print("   %-22s %s" % (name, summary(times)))
for name, values in ratios.items():
    print("   berth / %-22s = %.2f  (median of the %d rounds' ratios: %s)" % (
        name, statistics.median(values), len(values), " ".join("%.2f" % v for v in values)))
PY
bench start "$work/rootfs" "$runs" "$work"

echo "== a running container's monitor"
bench many "$work/rootfs" 1 "$work" | grep monitors
bench clean "$work"

echo "== $many containers of 'sleep 600', started one after another"
bench many "$work/rootfs" "$many" "$work"
bench clean "$work"
if command -v podman >/dev/null; then
  # Its own store under the work directory: removing "all" containers then touches none but the bench's.
  flags=("${bench_podman_host[@]}" --root "$work/podman/root" --runroot "$work/podman/run" --tmpdir "$work/podman/tmp"
         --storage-driver overlay)
  tar -C "$work/rootfs" -c . | podman "${flags[@]}" import - localhost/berth-bench-bb >/dev/null 2>&1
  start=$(date +%s.%N)
  for i in $(seq "$many"); do
    podman "${flags[@]}" run -d --network none "${bench_podman_limits[@]}" localhost/berth-bench-bb sleep 600 >/dev/null
  done
  end=$(date +%s.%N)
  rss=0; for pid in $(podman "${flags[@]}" ps -q | xargs podman "${flags[@]}" inspect --format '{{.State.ConmonPid}}'); do
    rss=$(( rss + $(awk '/VmRSS/ {print $2}' /proc/$pid/status) )); done
  python3 -c "print('podman: %d containers in %.2f s (%.1f ms each); conmon RSS %.1f MB in all (%.0f kB each)' % ($many, $end - $start, ($end - $start) * 1000 / $many, $rss / 1024, $rss / $many))"
  podman "${flags[@]}" rm -af -t 0 >/dev/null
  podman "${flags[@]}" rmi localhost/berth-bench-bb >/dev/null
  rm -rf "$work/podman"
else
  echo "podman: not installed (apt-get install podman to compare)"
fi
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  echo "docker: an engine runs here, but this script does not measure it yet"
fi
