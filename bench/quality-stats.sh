#!/usr/bin/env bash
# JMH: issue 11's quality statistics in memory over 1,000,000 binary predictions (70 % labelled):
# accuracy by 50 segments, auc, estimated_accuracy (isotonic fit on a 1,000,000-row reference), and all three.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o -Dstyle.color=never -DskipTests -pl bench -am package >&2 || mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package >&2
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
java -cp "$cp" org.openjdk.jmh.Main QualityStatisticsBenchmark "$@"
# CPU time per operation, which other processes on a shared machine do not inflate
java -Xmx1g -cp "$cp" io.vigil.bench.QualityStatsCpuTime 1000000 20
