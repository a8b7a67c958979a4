#!/usr/bin/env bash
# `vigil backtest` speed (issue 6): 1 rule x 90 days x 5-minute schedule = 25,920 evaluations.
#
# Stores 90 days of one series sampled every 5 minutes (25,921 samples, with a daily wave and a dip
# every 17th day) in a fresh embedded H2 store with `vigil ingest`, then times
#   ./vigil backtest shop.vigil --store ... --from 2026-01-01 --to 2026-03-31T23:55:00Z
# (the command prints its own evaluation time, without JVM start and rule compilation), and the same
# with --report (which adds the chart probes).
# Run from anywhere: bench/backtest.sh      Environment: DAYS (default 90), KEEP=1 keeps the store.
set -euo pipefail
cd "$(dirname "$0")/.."
DAYS=${DAYS:-90}
work="$(mktemp -d)"
[ "${KEEP:-0}" = 1 ] && echo "store kept in $work" >&2 || trap 'rm -rf "$work"' EXIT

python3 - "$work" "$DAYS" <<'PY'
import datetime, math, sys
work, days = sys.argv[1], int(sys.argv[2])
t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
with open(f"{work}/accuracy.csv", "w") as f:
    f.write("timestamp,model,metric,value\n")
    for i in range(days * 288 + 1):
        t = t0 + datetime.timedelta(minutes=5 * i)
        v = 0.9 + 0.03 * math.sin(i / 40.0) - (0.1 if (i // 288) % 17 == 5 else 0)
        f.write(f"{t:%Y-%m-%dT%H:%M:%SZ},shop,accuracy,{v:.5f}\n")
with open(f"{work}/shop.vigil", "w") as f:
    f.write("model shop {\n  every 5m\n  rule acc_low {\n    when accuracy < 0.85\n    for 30m\n"
            "    keep_firing_for 15m\n  }\n}\n")
PY
./vigil --version >/dev/null   # let the launcher build (or find) its jar before the clock starts
store="jdbc:h2:file:$work/db/vigil"
./vigil ingest "$work/accuracy.csv" --store "$store" >&2
to=$(date -u -d "2026-01-01 + $DAYS days - 5 minutes" +%Y-%m-%dT%H:%M:%SZ)

echo "== ./vigil backtest (1 rule, $DAYS days, every 5m) =="
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" \
  ./vigil backtest "$work/shop.vigil" --store "$store" --from 2026-01-01 --to "$to" > "$work/out.txt"
head -1 "$work/out.txt"
tail -3 "$work/out.txt"

echo "== the same with --report =="
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" \
  ./vigil backtest "$work/shop.vigil" --store "$store" --from 2026-01-01 --to "$to" --report "$work/report.html" \
  > "$work/out2.txt"
head -1 "$work/out2.txt"
ls -l "$work/report.html" | awk '{printf "report: %.0f KB\n", $5/1024}'
uptime
