#!/usr/bin/env python3
"""Writes the report of one bench/run: OUT.md (the figures, berth's ratios, versions, machine, commands) and
OUT.png (the latencies, drawn with gnuplot). Usage: report.py WORK OUT BEGAN INVOCATION, where WORK holds what
bench/run recorded: samples.tsv (metric, tool, seconds), values.tsv (metric, tool, value), commands.tsv,
params.tsv, versions.tsv, loadavg.txt and system-df-<engine>.txt."""
import collections
import datetime
import os
import re
import statistics
import subprocess
import sys

work, out, began, invocation = sys.argv[1:5]
ENGINES = ["berth", "docker", "podman"]
TOOLS = ENGINES + ["skopeo"]
TITLES = {"berth": "berth", "docker": "Docker", "podman": "Podman", "skopeo": "skopeo"}


def table(name):
    rows = collections.defaultdict(list)
    path = os.path.join(work, name)
    if os.path.exists(path):
        for line in open(path):
            metric, tool, value = line.rstrip("\n").split("\t", 2)
            rows[(metric, tool)].append(value)
    return rows


samples = {key: [float(v) for v in values] for key, values in table("samples.tsv").items()}
values = {key: values[-1] for key, values in table("values.tsv").items()}
commands = {key: values[0] for key, values in table("commands.tsv").items()}
params = dict(line.rstrip("\n").split("\t", 1) for line in open(os.path.join(work, "params.tsv")))
versions = [line.rstrip("\n").split("\t", 1) for line in open(os.path.join(work, "versions.tsv"))]
containers, listed = int(params["containers"]), int(params["listed"])
archive_mb = int(params["archive-bytes"]) / 1e6

# What each timed metric is, in the order of the table and the chart; the targets are issue 8's.
TIMED = [
    ("run-rm", "`run --rm --network none bb:1 true`", [("docker", 0.5), ("podman", 0.8)]),
    ("pause-unpause", "`pause` + `unpause` of a running container", []),
    ("start-detached", f"`run -d --network none bb:1 sleep 600`, each of {containers}", []),
    ("images", f"`images` with {listed} images", [("podman", 2.0)]),
    ("ps-a", f"`ps -a` with {listed} stopped containers", [("podman", 2.0)]),
    ("load", f"`load` of the {archive_mb:.0f} MB three-image archive into an empty store", [("docker", 0.8)]),
    ("save", "`save` of the three images to a file", [("docker", 0.8)]),
    ("pull", "`pull` of the three images from a local registry into an empty store", [("podman", 0.8)]),
]


def human_time(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(ratio, targets, reference):
    limit = dict(targets).get(reference)
    if limit is None:
        return ""
    return f" {'✓' if ratio <= limit else '✗'} ≤ {limit:g}"


def ratio_cells(figure, targets, better_smaller=True):
    cells = []
    for reference in ("docker", "podman"):
        if figure.get("berth") and figure.get(reference):
            ratio = figure["berth"] / figure[reference]
            cells.append(f"{ratio:.2f}{verdict(ratio, targets, reference)}")
        else:
            cells.append("–")
    return cells


rows = []
for metric, title, targets in TIMED:
    medians, cells = {}, []
    for tool in TOOLS:
        runs = samples.get((metric, tool))
        if runs:
            medians[tool] = statistics.median(runs)
            cells.append(f"{human_time(medians[tool])} ({human_time(min(runs))}–{human_time(max(runs))})")
        else:
            cells.append("–")
    count = max((len(samples.get((metric, t), [])) for t in TOOLS), default=0)
    rows.append([f"{title}: median (min–max) of {count}"] + cells + ratio_cells(medians, targets))
    if metric == "start-detached":
        totals = {t: sum(samples[(metric, t)]) for t in ENGINES if (metric, t) in samples}
        rows.append([f"time to start all {containers} of them, one after another"]
                    + [human_time(totals[t]) if t in totals else "–" for t in TOOLS] + ratio_cells(totals, []))


def kilobytes_row(title, metric, divide=1, targets=()):
    figure = {t: int(values[(metric, t)]) / divide for t in ENGINES if (metric, t) in values}
    cells = [f"{figure[t] / 1024:.1f} MB" if t in figure else "–" for t in TOOLS]
    if divide > 1 and "berth" in figure and targets:
        cells[0] += f" {'✓' if figure['berth'] / 1024 <= targets[0] else '✗'} ≤ {targets[0]:g} MB"
    return [title] + cells + ratio_cells(figure, [])


def processes(prefix):
    return "; ".join(f"{TITLES[t]}: {values.get((prefix + '-names', t)) or 'none'}" for t in ENGINES)


rows.append(kilobytes_row(f"memory of all the engine keeps running with {containers} containers: RSS", "busy-rss"))
rows.append(kilobytes_row(f"the same, PSS", "busy-pss"))
rows.append(kilobytes_row("the same, PSS per container", "busy-pss", containers, (2,)))
rows.append(kilobytes_row("memory of all the engine keeps running with no container: RSS", "idle-rss"))

du = {t: int(values[("disk-du", t)]) for t in ENGINES if ("disk-du", t) in values}
rows.append(["disk used by the three images: `du -sx` of the store"]
            + [f"{du[t] / 1e6:.0f} MB" if t in du else "–" for t in TOOLS] + ratio_cells(du, []))
UNITS = {"B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}
df = {}
for t in ENGINES:
    match = re.fullmatch(r"([0-9.]+)\s*([kKMGT]?B)", values.get(("disk-df", t), ""))
    if match:
        df[t] = float(match.group(1)) * UNITS[match.group(2)]
rows.append(["the same, Images SIZE of the engine's `system df`"]
            + [values.get(("disk-df", t), "–") for t in TOOLS] + ratio_cells(df, []))

# The load average, sampled every 5 s by bench/run.
load = [line.split() for line in open(os.path.join(work, "loadavg.txt")) if len(line.split()) == 4]
one_minute = [float(l[1]) for l in load]
ended = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
duration = (int(load[-1][0]) - int(load[0][0])) / 60 if len(load) > 1 else 0

md = [f"# bench/run, {began}", "",
      f"`{invocation}` (from the repository root, as root), {began} to {ended}, {duration:.0f} minutes. "
      "berth, Docker and Podman on the same machine in the same run; each measurement alternates the tools round "
      "by round (the order rotated each round), so that the drifting load of this shared machine weighs on each "
      "alike. Ratios are berth's median divided by the reference's median, measured in this run; ✓/✗ compare them "
      "with the targets of issue 8.", "",
      f"Load average during the run (1 minute, sampled every 5 s): min {min(one_minute):.2f}, median "
      f"{statistics.median(one_minute):.2f}, max {max(one_minute):.2f}.", "",
      "| measure | berth | Docker | Podman | skopeo | berth ÷ Docker | berth ÷ Podman |",
      "|---|---|---|---|---|---|---|"]
md += ["| " + " | ".join(row) + " |" for row in rows]
md += ["", f"Processes counted as what each engine keeps running (every process whose command line names the "
       f"engine's own directories; the containers' own processes are not counted): with {containers} containers, "
       f"{processes('busy')}. With none: {processes('idle')}.", "",
       "![latencies](" + os.path.basename(out) + ".png)", "", "## Versions and machine", ""]
md += [f"- {key}: {value}" for key, value in versions]
md += ["", "## How each figure was measured", "",
       "Images: `bb:1` is `examples/busybox-rootfs.sh` (Debian's busybox-static) imported by each engine from the "
       "same tar. `minbase:base`, `minbase:app1`, `minbase:app2` are a Debian bookworm minbase root file system "
       "(`bench/minbase.sh`), then a 16 MB application layer, then a small configuration layer, assembled with "
       "umoci (`bench/lib.sh`), copied into the bench's dockerd with skopeo and saved there with `docker save` as "
       "the one archive that every engine loads. The registry is Debian's docker-registry on 127.0.0.1, filled "
       "by skopeo from the same layout. An empty store: every image removed with `rmi -f` (and `sync`) before "
       "each load and pull. Docker is a dockerd started by the bench with `--storage-driver=overlay2`, no bridge "
       "and no iptables, its own `--data-root`/`--exec-root`; Podman runs with the flags this machine needs "
       "(reference/measured-anchors.md). Times are wall times of the whole command, from bash's clock; "
       "`pause` + `unpause` and `pull` are timed around an `sh -c` that runs the commands in turn.", "",
       f"Memory: the sum of `Rss` and `Pss` of `/proc/PID/smaps_rollup` over the processes named above. Disk: "
       f"`du -sx --block-size=1` of the engine's store (berth's data root, dockerd's data root, Podman's --root) "
       f"after the last load, when it holds the three images and nothing else.", "", "Commands, exactly as run:", ""]
for (metric, tool), command in sorted(commands.items(), key=lambda item: ([m for m, _, _ in TIMED].index(item[0][0]), TOOLS.index(item[0][1]))):
    md.append(f"- {metric}, {TITLES[tool]}: `{command.strip()}`")
md += ["", "## `system df` of each engine, holding the three images", ""]
for t in ENGINES:
    md += [f"{TITLES[t]}:", "", "```", open(os.path.join(work, f"system-df-{t}.txt")).read().rstrip(), "```", ""]
open(out + ".md", "w").write("\n".join(md) + "\n")

# The chart: median latency per measure and engine, with the min–max range as an error bar, on a log scale.
with open(os.path.join(work, "latency.dat"), "w") as data:
    for metric, title, _ in TIMED:
        label = metric.replace("-", " ")
        cells = []
        for t in ENGINES:
            runs = samples.get((metric, t))
            cells += [f"{statistics.median(runs) * 1000:.1f}", f"{min(runs) * 1000:.1f}", f"{max(runs) * 1000:.1f}"] \
                if runs else ["?", "?", "?"]
        data.write(f'"{label}" ' + " ".join(cells) + "\n")
script = f"""
set terminal pngcairo size 1200,650 font "sans,11"
set output "{out}.png"
set title "berth, Docker and Podman on {began} ({os.cpu_count()} cores, load average median {statistics.median(one_minute):.1f}): median, min–max"
set datafile missing "?"
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.85 border -1
set logscale y
set yrange [1:*]
set ylabel "milliseconds (log scale)"
set grid ytics mytics
set key top left
set xtics nomirror
plot "{work}/latency.dat" using 2:3:4:xtic(1) title "berth" lc rgb "#1b9e77", \\
     "" using 5:6:7 title "Docker" lc rgb "#7570b3", \\
     "" using 8:9:10 title "Podman" lc rgb "#d95f02"
"""
subprocess.run(["gnuplot"], input=script, text=True, check=True)
