#!/usr/bin/env bash
# Issue 12: a 7-day query_range at 5-minute steps over 100 series on H2 (ExpressionQuery, as the API runs it).
# Usage: bench/query-range.sh [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -DskipTests -pl bench -am package >/dev/null 2>&1 || mvn -B -q -DskipTests -pl bench -am package
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')"
java -Xmx1g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" io.vigil.bench.QueryRangeBench "${1:-5}"
