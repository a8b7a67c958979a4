#!/usr/bin/env bash
# Rule text -> ready KieBases for a generated rule set, each measurement in a fresh JVM (what a
# restarted engine pays): executable model first build, its reload from the on-disk cache, and the
# classic MVEL build for comparison. Usage: bench/kiebase.sh [rules] [chunk size] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
rules="${1:-1000}"; chunk="${2:-500}"; repeats="${3:-1}"
mvn -B -q -o -DskipTests -pl bench -am package >/dev/null 2>&1 || mvn -B -q -DskipTests -pl bench -am package
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
run() { /usr/bin/time -f "  wall=%es peak-rss=%MKB" java -Xmx3g -cp "$cp" io.vigil.bench.KieBaseBuild "$@" 2>&1 | grep -v ' INFO '; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$repeats"); do
  rm -rf "$cache"/*
  echo "executable model, first build (empty cache):"; run "$rules" "$cache" "$chunk" "$(nproc)" EXECUTABLE_MODEL
  echo "executable model, reload from cache:";        run "$rules" "$cache" "$chunk" "$(nproc)" EXECUTABLE_MODEL
  echo "classic DRL (no compiled cache possible):";   run "$rules" - "$chunk" "$(nproc)" CLASSIC
done
echo "evaluation of every group, 10 series per operand (KieBases from the cache):"
java -Xmx3g -cp "$cp" io.vigil.bench.GroupEvaluation "$rules" "$cache" 10 30 2>&1 | grep -v ' INFO '
