#!/usr/bin/env bash
# JMH: parse and parse+check of a generated 1,000-rule file, warm (issue 2: at most 300 ms).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package >&2
exec java -cp "bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main CheckBench "$@"
