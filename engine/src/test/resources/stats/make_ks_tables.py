"""Regenerates ks_tables.csv: SciPy reference values for every branch of the KS p-value code.

Run with the SciPy the vectors were made with (1.17.1):  python3 make_ks_tables.py > ks_tables.csv
Rows: kind,n1,n2,x_or_h,expected
  kstwo   n, -, x : scipy.stats.kstwo.sf(x, n)           (one-sample two-sided; used as asymptotic 2-sample p)
  square  n, -, h : ks_2samp exact p for equal sizes n and D = h/n
  inside  m, n, h : ks_2samp exact p for sizes m != n and D = h/lcm(m, n)
"""
import math
import numpy as np
from scipy.stats import kstwo
from scipy.stats._stats_py import _compute_prob_outside_square
from scipy.stats._stats_pythran import _compute_outer_prob_inside_method

rows = []
# Each (n, x) lands in one branch of _kolmogn: Ruben-Gambino ends, Durbin matrix, Pomeranz,
# Pelz-Good, 2*smirnov, or the nx^2 >= 370 zero.
for n in (1, 2, 5, 25, 48, 50, 140, 141, 500, 1000, 5000, 33333, 50000, 100000, 100001, 500000, 1000000, 2000000):
    for x in (0.3 / n, 0.75 / n, 1.0 / n, 0.002, 0.005, 0.01, 0.02, 0.035, 0.05, 0.08, 0.1, 0.15, 0.2,
              0.3, 0.45, 0.5, 0.7, 0.9, 1 - 1.0 / n if n > 1 else 0.5, 0.999):
        if 0 < x < 1:
            rows.append(("kstwo", n, 0, repr(float(x)), repr(float(kstwo.sf(x, n)))))
for n, hs in ((10, (1, 3, 5, 10)), (100, (5, 13, 30, 70)), (1000, (30, 60, 150, 999)), (10000, (100, 180, 400))):
    for h in hs:
        rows.append(("square", n, n, h, repr(float(_compute_prob_outside_square(n, h)))))
for m, n in ((50, 1000), (7, 13), (300, 200), (1000, 999), (9999, 10000)):
    g = math.gcd(m, n)
    lcm = m // g * n
    for frac in (0.02, 0.05, 0.1, 0.3):
        h = int(round(frac * lcm))
        rows.append(("inside", m, n, h, repr(float(_compute_outer_prob_inside_method(m, n, g, h)))))
print("kind,n1,n2,x_or_h,expected")
for r in rows:
    print(",".join(str(v) for v in r))
