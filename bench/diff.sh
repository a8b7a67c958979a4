#!/usr/bin/env bash
# `vigil diff` speed (issue 13): a 1,000-rule set in which 50 rules change, in a git repository,
#   - semantic diff only (--no-backtest): at most 2 s wall;
#   - with the backtest of both versions of the 50 changed rules over 30 days of 5-minute data for the
#     series they read (50 series x 8,641 samples in embedded H2): at most 30 s wall.
# The rule set is io.vigil.bench.LargeRuleFile's 950 rules plus 50 rules on accuracy{segment="sN"} in
# model shop (every 5m, for 30m); the working tree lowers their threshold from 0.85 to 0.82 and sets for 20m.
# Run from anywhere: bench/diff.sh      Environment: DAYS (default 30), KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
DAYS=${DAYS:-30}
work="$(mktemp -d)"
[ "${KEEP:-0}" = 1 ] && echo "work directory kept in $work" >&2 || trap 'rm -rf "$work"' EXIT
mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package >&2
java -cp "bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.vigil.bench.LargeRuleFile 950 \
  > "$work/library.vigil"
python3 - "$work" "$DAYS" <<'PY'
import datetime, math, sys
work, days = sys.argv[1], int(sys.argv[2])
def shop(threshold, hold):
    out = ["model shop {", "  every 5m", "  notify oncall"]
    for k in range(50):
        out += [f"  rule acc_low_{k} {{", f'    when accuracy{{segment="s{k}"}} < {threshold}', f"    for {hold}", "  }"]
    return "\n".join(out + ["}", ""])
open(f"{work}/shop.vigil.old", "w").write(shop("0.85", "30m"))
open(f"{work}/shop.vigil.new", "w").write(shop("0.82", "20m"))
t0 = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) - datetime.timedelta(days=days)
t0 -= datetime.timedelta(minutes=t0.minute % 5)
with open(f"{work}/accuracy.csv", "w") as f:
    f.write("timestamp,model,metric,value,segment\n")
    for i in range(days * 288 + 1):
        t = t0 + datetime.timedelta(minutes=5 * i)
        ts = f"{t:%Y-%m-%dT%H:%M:%SZ}"
        for k in range(50):
            # a daily wave; every 11th day (shifted per segment) a dip to about 0.83, some days below 0.82
            dip = 0.07 if ((i // 288) + k) % 11 == 3 and 100 < i % 288 < 180 else 0
            v = 0.9 + 0.02 * math.sin((i + 7 * k) / 30.0) - dip
            f.write(f"{ts},shop,accuracy,{v:.5f},s{k}\n")
PY
./vigil --version >/dev/null   # let the launcher build (or find) its jar before the clock starts
store="jdbc:h2:file:$work/db/vigil"
./vigil ingest "$work/accuracy.csv" --store "$store" >&2
repo="$work/repo"
mkdir -p "$repo/rules"
cp "$work/library.vigil" "$repo/rules/library.vigil"
cp "$work/shop.vigil.old" "$repo/rules/shop.vigil"
git -C "$repo" init -q -b main
git -C "$repo" add rules
git -C "$repo" -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false commit -qm base
cp "$work/shop.vigil.new" "$repo/rules/shop.vigil"
echo "rules: $(grep -c '^  rule ' "$repo"/rules/*.vigil | awk -F: '{s+=$2} END {print s}'), 50 changed; history: 50 series x $((DAYS * 288 + 1)) samples" >&2

echo "== semantic only: vigil diff --no-backtest rules/ (1,000 rules, 50 changed) =="
for i in 1 2 3; do
  ( cd "$repo" && /usr/bin/time -f "wall %e s, user %U s, peak RSS %M KB" \
      "$root/vigil" diff --no-backtest rules/ > "$work/semantic.txt" 2>"$work/semantic.err" ) || { cat "$work/semantic.err"; exit 1; }
  tail -1 "$work/semantic.err"
done
head -1 "$work/semantic.txt"

echo "== with history: vigil diff --store ... --since ${DAYS}d rules/ =="
( cd "$repo" && /usr/bin/time -f "wall %e s, user %U s, peak RSS %M KB" \
    "$root/vigil" diff --store "$store" --since "${DAYS}d" rules/ > "$work/backtest.txt" 2>"$work/backtest.err" ) \
  || { cat "$work/backtest.err"; exit 1; }
tail -1 "$work/backtest.err"
grep '^backtest from' "$work/backtest.txt"
grep -c 'only before\|only after\|moved' "$work/backtest.txt" | sed 's/^/episode lines: /'
uptime
