#!/usr/bin/env bash
# JMH: parse and parse+check of a generated 1,000-rule file, warm (issue 2: at most 300 ms).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package >&2
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
# CPU time of the benchmark thread, which other processes on a shared machine do not inflate.
java -cp "$cp" io.vigil.bench.CheckCpuTime 1000 60
java -cp "$cp" org.openjdk.jmh.Main CheckBench "$@"
