#!/usr/bin/env bash
# Runs every benchmark named in the issues, one after the other, and keeps the raw output in
# bench/results/<UTC time>.txt. docs/benchmarks.md holds the table of figures and goals.
# Run from the repository root on an otherwise idle machine: the figures are wall-clock times.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# Vigil benchmarks, $(date -u +%FT%TZ)"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
} | tee "$out"
mvn -B -q -DskipTests package >/dev/null || { echo "build failed" >&2; exit 2; }
for run in check-1000.sh check-bench.sh kiebase.sh stats-vs-scipy.sh drift-wide.sh "ingest-http.sh both 300000 4" \
           "engine-round.sh h2" "engine-round.sh postgresql" rule-tests.sh backtest.sh diff.sh; do
  read -r script args <<<"$run"
  if [ ! -x "bench/$script" ]; then
    echo "== $run: not present" | tee -a "$out"
    continue
  fi
  echo "== $run" | tee -a "$out"
  # shellcheck disable=SC2086 # args are words on purpose
  "bench/$script" $args 2>&1 | tee -a "$out"
done
echo "raw output: $out"
