#!/usr/bin/env bash
# `vigil test` speed (issue 6: at most 1 s for 100 test cases after JVM start).
#
# Generates a rule file (every 5m, for 10m) and a test file with 100 tests over three series whose
# expected alerts are worked out here in Python, then measures
#   1. in-process (io.vigil.bench.RuleTestTiming): the first run after JVM start (read, check, the fixed
#      rules' KieBase, in-memory store, replay, compare) and warm runs, wall and CPU time;
#   2. the whole command, `./vigil test FILE`, against `./vigil --version` (JVM start and CLI set-up).
# Run from anywhere: bench/rule-tests.sh     Environment: TESTS (default 100).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
TESTS=${TESTS:-100}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$TESTS" <<'PY'
import sys
work, tests = sys.argv[1], int(sys.argv[2])
n = tests + 5
# Three segments, low (0.8) in different stretches of each 12-sample cycle.
low = {"EU": lambda i: i % 12 in (3, 4, 5, 6), "US": lambda i: i % 12 in (6, 7), "APAC": lambda i: i % 12 in (0, 1, 2, 3, 4, 5)}
with open(f"{work}/bench.vigil", "w") as f:
    f.write("model shop {\n  every 5m\n  rule acc_low {\n    when accuracy < 0.85\n    for 10m\n  }\n}\n")
with open(f"{work}/bench.test.yaml", "w") as f:
    f.write("rules: [bench.vigil]\ninterval: 5m\nstart: 2026-01-01T00:00:00Z\nseries:\n")
    for seg, is_low in low.items():
        vals = " ".join("0.8" if is_low(i) else "0.9" for i in range(n))
        f.write(f"  - metric: 'accuracy{{segment=\"{seg}\"}}'\n    values: \"{vals}\"\n")
    f.write("tests:\n")
    for i in range(tests):
        # for 10m on a 5m schedule: firing once the last three evaluations held.
        firing = [s for s, is_low in low.items() if i >= 2 and all(is_low(k) for k in (i, i - 1, i - 2))]
        pending = [s for s, is_low in low.items() if is_low(i) and s not in firing]
        f.write(f"  - at: {5 * i}m\n    alerts: [{', '.join('{ rule: acc_low, labels: { segment: ' + s + ' } }' for s in firing)}]\n")
        f.write(f"    pending: [{', '.join('{ rule: acc_low, labels: { segment: ' + s + ' } }' for s in pending)}]\n")
PY
echo "building..." >&2
mvn -B -q -o -Dstyle.color=never -DskipTests -pl bench -am package >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package >&2
./vigil --version >/dev/null
./vigil test "$work/bench.test.yaml" | tail -1          # must say: N passed, 0 failed

echo "== in-process: io.vigil.bench.RuleTestTiming =="
java -cp "bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.vigil.bench.RuleTestTiming \
  "$work/bench.test.yaml" 10 2>/dev/null

echo "== whole command =="
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 --style basic "./vigil --version" "./vigil test $work/bench.test.yaml"
else
  for c in "--version" "test $work/bench.test.yaml"; do
    ( time ./vigil $c >/dev/null 2>&1 ) 2>&1 | grep real | sed "s|^|vigil $c: |"
  done
fi
uptime
