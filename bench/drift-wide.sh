#!/usr/bin/env bash
# End-to-end `vigil drift` on a wide file: COLS numeric columns x ROWS rows (default 100 x 350,000) for
# both reference and current (every third column of the current file shifted by 0.2 sd), values written in full double
# precision. Prints the wall time of `./vigil drift --format json` (goal: <= 30 s) and its peak memory.
# Run from anywhere: bench/drift-wide.sh      Environment: ROWS, COLS, KEEP=1 to keep the CSVs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-350000}
COLS=${COLS:-100}
tmp=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT

echo "building..." >&2
mvn -B -q -o -pl bench -am package -DskipTests >&2 2>/dev/null || mvn -B -q -pl bench -am package -DskipTests >&2
./vigil --version >/dev/null   # let the launcher build (or find) its jar before the clock starts

cp="bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
echo "generating $COLS x $ROWS reference and current CSVs in $tmp..." >&2
java -cp "$cp" io.vigil.bench.WideCsvGenerator "$tmp/ref.csv" "$ROWS" "$COLS" 1 0 &
java -cp "$cp" io.vigil.bench.WideCsvGenerator "$tmp/cur.csv" "$ROWS" "$COLS" 2 0.2 &
wait
ls -l "$tmp"/ref.csv "$tmp"/cur.csv | awk '{printf "%s  %.0f MB\n", $NF, $5/1e6}'

echo "== ./vigil drift --reference ref.csv --current cur.csv --format json =="
start=$(date +%s.%N)
/usr/bin/time -f "peak RSS %M KB, user %U s, sys %S s" \
    ./vigil drift --reference "$tmp/ref.csv" --current "$tmp/cur.csv" --format json > "$tmp/out.json"
end=$(date +%s.%N)
python3 - "$tmp/out.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
methods = sorted({f["drift_method"] for f in r["features"]})
print(f"{len(r['features'])} features, {r['reference_rows']} + {r['current_rows']} rows, "
      f"{r['drifted_features']} drifted (methods: {', '.join(methods)}), dataset_drift={r['dataset_drift']}")
PY
awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time: %.1f s (goal <= 30 s)\n", e - s }'
