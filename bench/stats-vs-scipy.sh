#!/usr/bin/env bash
# KS + PSI + normalised Wasserstein for one numeric feature, N vs N doubles (default 1,000,000):
# Vigil's Java against SciPy's ks_2samp + wasserstein_distance + a NumPy PSI, on the same arrays.
# Both sides start from unsorted arrays in memory; each prints the median of 7 timed runs after warm-up,
# and the values it computed (they must agree). Run from anywhere: bench/stats-vs-scipy.sh
# Environment: N (sample size), SHIFT (mean shift of the current sample, in sd).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
SHIFT=${SHIFT:-0.01}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building bench module..." >&2
mvn -B -q -o -pl bench -am package -DskipTests >&2 2>/dev/null || mvn -B -q -pl bench -am package -DskipTests >&2

python3 - "$tmp" "$N" "$SHIFT" <<'PY'
import sys, numpy as np
out, n, shift = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rng = np.random.default_rng(42)
rng.standard_normal(n).astype('<f8').tofile(f"{out}/ref.f64le")
(rng.standard_normal(n) + shift).astype('<f8').tofile(f"{out}/cur.f64le")
PY

echo "== same arrays, KS + PSI + Wasserstein =="
java -Xmx4g -cp "bench/target/vigil-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.vigil.bench.StatsTiming \
    "$tmp/ref.f64le" "$tmp/cur.f64le" 7

python3 - "$tmp" <<'PY'
import sys, time, numpy as np, scipy
from scipy.stats import ks_2samp, wasserstein_distance
out = sys.argv[1]
ref = np.fromfile(f"{out}/ref.f64le", dtype='<f8')
cur = np.fromfile(f"{out}/cur.f64le", dtype='<f8')

def psi(ref, cur):
    edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10.0, method='linear'))
    p = np.bincount(np.searchsorted(edges, ref, side='right'), minlength=len(edges) + 1) / ref.size
    q = np.bincount(np.searchsorted(edges, cur, side='right'), minlength=len(edges) + 1) / cur.size
    p = np.where(p == 0, 1e-4, p)
    q = np.where(q == 0, 1e-4, q)
    return float(np.sum((q - p) * np.log(q / p)))

def run():
    ks = ks_2samp(ref, cur)
    w = wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
    return ks.pvalue, ks.statistic, psi(ref, cur), w

run()
times = []
for _ in range(7):
    t = time.perf_counter()
    result = run()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"scipy n={ref.size} m={cur.size}  median {times[3]:.1f} ms (min {times[0]:.1f}, max {times[-1]:.1f} over 7 runs)  "
      f"ks_p={result[0]:.6g} D={result[1]:.6g} psi={result[2]:.6g} wasserstein_norm={result[3]:.6g}"
      f"  [numpy {np.__version__}, scipy {scipy.__version__}]")
PY
