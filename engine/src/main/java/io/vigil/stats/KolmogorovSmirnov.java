package io.vigil.stats;

/**
 * The two-sample Kolmogorov–Smirnov test as {@code scipy.stats.ks_2samp(method='auto')} computes it:
 * D over the pooled points, an exact p-value from lattice-path counting when both samples have at
 * most 10,000 values, else {@code kstwo.sf(D, round(nm/(n+m)))} ({@link KolmogorovDistribution}).
 */
public final class KolmogorovSmirnov {
    /** Largest sample size for which the exact p-value is used. */
    public static final int MAX_EXACT_N = 10_000;

    /**
     * The test result.
     *
     * @param d      the statistic sup|F_ref − F_cur|
     * @param pValue two-sided p-value
     * @param exact  whether the exact distribution was used (else the asymptotic one)
     */
    public record Result(double d, double pValue, boolean exact) {}

    private KolmogorovSmirnov() {}

    /** Tests two sorted, non-empty samples. */
    public static Result test(double[] sortedA, double[] sortedB) {
        int n1 = sortedA.length;
        int n2 = sortedB.length;
        if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("KS needs two non-empty samples");
        double d = statistic(sortedA, sortedB);
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            long g = gcd(n1, n2);
            long lcm = (n1 / g) * n2;
            long h = (long) Math.rint(d * lcm);
            double dLattice = h * 1.0 / lcm;
            if (h == 0) return new Result(dLattice, 1.0, true);
            double p = n1 == n2 ? probOutsideSquare(n1, (int) h) : probOutsideInsideMethod(n1, n2, g, h);
            // SciPy falls back to the asymptotic value when the recurrence leaves [0, 1].
            if (p >= 0 && p <= 1) return new Result(dLattice, p, true);
            d = dLattice;
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        long en = (long) Math.rint(m * n / (m + n));
        double p = KolmogorovDistribution.sf(en, d);
        return new Result(d, Math.min(1, Math.max(0, p)), false);
    }

    /** D = max over pooled points of |i/n1 − j/n2|, with right-continuous empirical CDFs. */
    public static double statistic(double[] sortedA, double[] sortedB) {
        int n1 = sortedA.length;
        int n2 = sortedB.length;
        int i = 0;
        int j = 0;
        double max = 0;
        double min = 0;
        boolean first = true;
        while (i < n1 || j < n2) {
            double v = j >= n2 || (i < n1 && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            while (i < n1 && sortedA[i] <= v) i++;
            while (j < n2 && sortedB[j] <= v) j++;
            double diff = (double) i / n1 - (double) j / n2;
            if (first || diff > max) max = diff;
            if (first || diff < min) min = diff;
            first = false;
        }
        double minS = Math.min(1, Math.max(0, -min));
        return minS > max ? minS : max;
    }

    /**
     * Pr(D ≥ h/n) for equal sizes n: twice the alternating sum of path counts outside the lines
     * x − y = ±h, each divided by binom(2n, n) and nested Horner-like to avoid cancellation (Hodges 1958).
     */
    static double probOutsideSquare(int n, int h) {
        double p = 0.0;
        int k = (int) Math.floor(n / (double) h);
        while (k >= 0) {
            double p1 = 1.0;
            for (int j = 0; j < h; j++) {
                p1 = (double) (n - k * h - j) * p1 / (double) (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * Pr(D ≥ h/lcm) for unequal sizes: the share of lattice paths from (0,0) to (m,n) that leave the band
     * |x/m − y/n| &lt; h/lcm, computed directly (not as 1 − share inside) with Viehmann's recurrence,
     * one sliding column at a time.
     */
    static double probOutsideInsideMethod(long m, long n, long g, long h) {
        if (m < n) {
            long t = m; m = n; n = t;
        }
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil(h / (double) mg), n + 1);
        int curlen = maxj - minj;
        int lenA = (int) Math.min(2L * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        for (int x = minj; x < maxj; x++) a[x] = 0.0;
        for (long i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.max((long) Math.floor((ng * i - h) / (double) mg) + 1, 0);
            minj = (int) Math.min(minj, n);
            maxj = (int) Math.min((long) Math.ceil((ng * i + h) / (double) mg), n + 1);
            if (maxj <= minj) return 1.0;
            double val = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                int j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                java.util.Arrays.fill(a, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)), 1.0);
            }
        }
        return a[maxj - minj - 1];
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
