#!/usr/bin/env bash
# Rule text -> ready to evaluate, for a generated rule set, each measurement in a fresh JVM (what a
# restarted engine pays): check + plan + the fixed rules' KieBase from the classes Maven built
# (issue 2's "≤ 8 s first build, ≤ 3 s reload" for 1,000 rules), then, for comparison, compiling
# vigil.drl at run time, and the evaluation of every group with 10 series per operand.
# Usage: bench/kiebase.sh [rules] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
rules="${1:-1000}"; repeats="${2:-3}"
mvn -B -q -o -DskipTests -pl bench -am package >/dev/null 2>&1 || mvn -B -q -DskipTests -pl bench -am package
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')"
run() { /usr/bin/time -f "  wall=%es peak-rss=%MKB" java -Xmx1g -cp "$cp" "$@" 2>&1 | grep -v ' INFO '; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$repeats"); do
  echo "check + plan + KieBase from prebuilt classes, fresh JVM:"; run io.vigil.bench.RuleSetLoadTiming "$rules"
done
echo "for comparison, vigil.drl compiled at run time, fresh JVM:"; run io.vigil.bench.RuleSetLoadTiming "$rules" drl
echo "evaluation of every group, 10 series per operand:"
run io.vigil.bench.GroupEvaluation "$rules" 10 30
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
