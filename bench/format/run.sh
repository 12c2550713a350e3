#!/bin/sh
# Measures berth's listing formatter against Go's text/template + tabwriter (what docker/cli runs), same rows,
# same machine, same run; and the cost of the first render in a fresh JVM. Needs Go (apt-get install golang-go)
# and hyperfine. Usage: bench/format/run.sh  (from the repository root, after ./mvnw -o -q package -DskipTests)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp="$root/cli/target/classes:$root/core/target/classes"
javac -d "$work" -cp "$cp" "$root/bench/format/FormatBench.java"
(cd "$root/bench/format" && GO111MODULE=off go build -o "$work/format_bench" format_bench.go)
echo "== steady state, 100 rows"
java -cp "$work:$cp" FormatBench steady
"$work/format_bench"
java -cp "$work:$cp" FormatBench steady json
"$work/format_bench" json
echo "== first use in a fresh JVM: thread CPU time, medians of 15 runs (microseconds)"
for mode in "" json; do
  for i in $(seq 15); do java -cp "$work:$cp" FormatBench first $mode 2>&1 >/dev/null; done > "$work/first.txt"
  median() { awk -v f="$1" '{print $f}' "$work/first.txt" | sort -n | sed -n 8p; }
  echo "${mode:-table}: rows $(median 11), parse $(median 14), render $(median 17)"
done
echo "== classes loaded by the first render"
java -Xlog:class+load:file="$work/classes.txt" -cp "$work:$cp" FormatBench first >/dev/null 2>&1
echo "berth format classes: $(grep -c 'dev.berth.cli.format' "$work/classes.txt")"
echo "jackson classes: $(grep -c 'com.fasterxml' "$work/classes.txt" || true)"
echo "java.util.regex classes: $(grep -c 'java.util.regex' "$work/classes.txt" || true)"
echo "all classes, the JMX of the CPU timer in the harness included: $(wc -l < "$work/classes.txt")"
echo "== whole process: a JVM that renders 100 rows against one that only builds them (hyperfine)"
hyperfine -N --warmup 3 --runs 30 "java -cp $work:$cp FormatBench rows" "java -cp $work:$cp FormatBench first" \
  "java -cp $work:$cp FormatBench first json" 2>&1 | grep -vE "^ *Range|^$" || true
