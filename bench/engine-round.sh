#!/usr/bin/env bash
# Issue 4's speed figures: full evaluation rounds of 1,000 rules over 10,000 series with 7 days of
# 5-minute samples (about 20 M), on H2 or on an embedded PostgreSQL, split into store/statistics and
# Drools time, and the heap with the rules loaded, in a JVM limited to -Xmx1g.
# The data set is generated once into bench/results/engine-round/ (git-ignored); later runs reuse it.
# Usage: bench/engine-round.sh [h2|postgresql] [days=7] [rounds=5] [rules=1000]
#   H2_OPTIONS=';CACHE_SIZE=524288' bench/engine-round.sh h2   appends options to the H2 URL (cache in KiB)
# The first run generates the data set (about 10 min on 2 cores); the round figures exclude that and
# loading the rules (check + plan, seconds). Needs: JDK 17, Maven (offline is fine).
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-h2}"; days="${2:-7}"; rounds="${3:-5}"; rules="${4:-1000}"
case "$store" in h2|postgresql) ;; *) echo "usage: $0 [h2|postgresql] [days] [rounds] [rules]" >&2; exit 2 ;; esac
mvn -B -q -o -DskipTests -pl bench -am package >/dev/null 2>&1 || mvn -B -q -DskipTests -pl bench -am package
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')"
java -Xmx1g -Xms1g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dvigil.bench.h2Options="${H2_OPTIONS:-}" -cp "$cp" \
  io.vigil.bench.EngineRound "$store" bench/results/engine-round "$days" "$rounds" "$rules"
