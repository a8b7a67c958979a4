#!/usr/bin/env bash
# Whole `./vigil check` on a generated 1,000-rule file, wall time (issue 2: at most 2 s).
# Uses hyperfine when installed (apt-get install hyperfine), else bash's `time`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rules="${1:-1000}"
mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.vigil.bench.LargeRuleFile "$rules" \
  > "$work/rules.vigil"
echo "generated $(grep -c '^  rule ' "$work/rules.vigil") rules, $(wc -l < "$work/rules.vigil") lines" >&2
./vigil check "$work/rules.vigil" 2>/dev/null | tail -1   # builds the launcher jar if needed; must say 0 errors
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 --style basic "./vigil check $work/rules.vigil"
else
  for i in 1 2 3 4 5; do
    ( time ./vigil check "$work/rules.vigil" >/dev/null 2>&1 ) 2>&1 | grep real
  done
fi
