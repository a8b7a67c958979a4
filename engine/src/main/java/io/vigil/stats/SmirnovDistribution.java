package io.vigil.stats;

/**
 * Survival function of the one-sided one-sample Kolmogorov–Smirnov statistic, Pr(D_n⁺ ≥ x), by the
 * Smirnov / Birnbaum–Tingey sum x·Σ_{v=0}^{⌊n(1−x)⌋} C(n,v)(x+v/n)^(v−1)(1−x−v/n)^(n−v), the same
 * quantity as SciPy's {@code scipy.special.smirnov}. SciPy sums in double-double; here every term is
 * formed in log space (terms span hundreds of orders of magnitude) and summed after scaling by the
 * largest, which keeps the relative error near 1e-10 for n up to 10^6.
 */
final class SmirnovDistribution {
    /** Natural log of the smallest normal double, below which SciPy returns 0 (cephes MINLOG). */
    private static final double MIN_LOG = -7.08396418532264106224e2;
    /** Beyond this n SciPy switches to an approximation, and so does this class. */
    private static final int MAX_COMPUTE_N = 1_000_000;

    private SmirnovDistribution() {}

    /** Pr(D_n⁺ ≥ x). */
    static double sf(long n, double x) {
        if (!(n > 0 && x >= 0.0 && x <= 1.0)) return Double.NaN;
        if (n == 1) return 1 - x;
        if (x == 0.0) return 1.0;
        if (x == 1.0) return 0.0;
        // floor(n·x) and its remainder from the exact product nx = hi + lo.
        double hi = n * x;
        double lo = Math.fma(n, x, -hi);
        double floor = Math.floor(hi);
        if (floor == hi && lo < 0) floor -= 1;
        double alpha = (hi - floor) + lo;
        long nxFloor = (long) floor;
        if (alpha >= 1) {
            nxFloor += 1;
            alpha = 0;
        }
        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0)) {
            return 1 - x * Math.pow(1 + x, n - 1);
        }
        if (-2 * n * x * x < MIN_LOG) return 0.0;
        if (nxFloor >= n - 1) return Math.pow(1 - x, n);
        if (n > MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            return logp < -Math.log(2) ? Math.exp(logp) : 1 + Math.expm1(logp);
        }
        long last = n - nxFloor - 1; // ⌊n(1−x)⌋, less the zero term when n·x is an integer
        double[] logTerms = new double[(int) last + 1];
        double logBinomial = 0;
        double maxLog = Double.NEGATIVE_INFINITY;
        for (long v = 0; v <= last; v++) {
            // x + v/n and 1 − x − v/n from the exact n·x, so the small factor near v ≈ n(1−x) keeps its digits.
            double t1 = ((v + hi) + lo) / n;
            double t2 = (((n - v) - hi) - lo) / n;
            double log = logBinomial + (v - 1) * Math.log(t1) + (n - v) * Math.log(t2);
            logTerms[(int) v] = log;
            maxLog = Math.max(maxLog, log);
            logBinomial += Math.log((double) (n - v) / (v + 1));
        }
        PairwiseSum sum = new PairwiseSum();
        for (double log : logTerms) sum.add(Math.exp(log - maxLog));
        double logSf = Math.log(x) + maxLog + Math.log(sum.total());
        return Math.min(1.0, Math.exp(logSf));
    }
}
