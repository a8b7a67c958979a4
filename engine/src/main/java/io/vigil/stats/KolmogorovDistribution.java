package io.vigil.stats;

/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, Pr(D_n ≥ x), with the
 * algorithm choice of Simard &amp; L'Ecuyer (2011) as SciPy's {@code kstwo.sf} makes it: Ruben–Gambino
 * closed forms at the ends, the Durbin matrix (Marsaglia–Tsang–Wang), the Pomeranz recursion, the
 * Pelz–Good expansion, or twice the one-sided Smirnov tail, depending on n and n·x².
 * The limiting Kolmogorov series (Commons Math's {@code approximateP}) is a different, cruder quantity.
 */
public final class KolmogorovDistribution {
    private static final int E128 = 128;
    private static final double EP128 = Math.scalb(1.0, E128);
    private static final double EM128 = Math.scalb(1.0, -E128);
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_LOG = -708;
    private static final double PI_SQUARED = Math.PI * Math.PI;
    private static final double PI_FOUR = Math.pow(Math.PI, 4);
    private static final double PI_SIX = Math.pow(Math.PI, 6);
    private static final double[] STIRLING_COEFFS = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
            -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4,
            7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2};

    private KolmogorovDistribution() {}

    /** Pr(D_n ≥ x) for n ≥ 1. */
    public static double sf(long n, double x) {
        if (n <= 0) throw new IllegalArgumentException("n must be positive, got " + n);
        if (Double.isNaN(x)) return Double.NaN;
        if (x >= 1.0) return 0.0;
        if (x <= 0.0) return 1.0;
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) return 1.0;
            double cdf;
            if (n <= 140) {
                cdf = 1.0;
                for (long i = 1; i <= n; i++) cdf *= i * (1.0 / n) * (2 * t - 1);
            } else {
                cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - cdf);
        }
        if (t >= n - 1) return clip(2 * Math.pow(1.0 - x, n));
        if (x >= 0.5) return clip(2 * SmirnovDistribution.sf(n, x));
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) return clip(1.0 - clip(durbin(n, x)));
            if (nxSquared <= 4) return clip(1.0 - clip(pomeranz((int) n, x)));
            return clip(2 * SmirnovDistribution.sf(n, x));
        }
        if (nxSquared >= 370.0) return 0.0;
        if (nxSquared >= 2.2) return clip(2 * SmirnovDistribution.sf(n, x));
        double cdf = n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4 ? clip(durbin(n, x)) : pelzGood(n, x);
        return clip(1.0 - cdf);
    }

    private static double clip(double p) { return Math.min(1.0, Math.max(0.0, p)); }

    // log(n!/n^n) by Stirling's series, with n·log(n) removed up front to avoid cancellation.
    private static double logFactorialOverPower(long n) {
        double rn = 1.0 / n;
        double x = rn / n;
        double poly = 0;
        for (double c : STIRLING_COEFFS) poly = poly * x + c;
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /**
     * Pr(D_n &lt; x) by Durbin's matrix: with x = (k − h)/n, the (k,k) entry of H^n scaled by n!/n^n,
     * H of size 2k−1. Powers are rescaled by 2^128 and the exponent tracked separately.
     */
    static double durbin(long n, double x) {
        if (x >= 1.0) return 1.0;
        double nd = n * x;
        if (nd <= 0.5) return 0.0;
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        double[][] hm = new double[m][m];
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) hm[r][i] = w[r - (i - 1)];
        }
        for (int r = 0; r < m; r++) hm[r][0] = v[r];
        for (int c = 0; c < m; c++) hm[m - 1][c] = v[m - 1 - c];

        double[][] power = identity(m);
        long nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if (nn % 2 == 1) {
                power = multiply(power, hm);
                expnt += hExpnt;
            }
            hm = multiply(hm, hm);
            hExpnt *= 2;
            if (Math.abs(hm[k - 1][k - 1]) > EP128) {
                scale(hm, EM128);
                hExpnt += E128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (long i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < EM128) {
                p *= EP128;
                expnt -= E128;
            }
        }
        return expnt != 0 ? Math.scalb(p, expnt) : p;
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) id[i][i] = 1.0;
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0) continue;
                double[] bl = b[l];
                for (int j = 0; j < m; j++) ci[j] += ail * bl[j];
            }
        }
        return c;
    }

    private static void scale(double[][] a, double factor) {
        for (double[] row : a) for (int j = 0; j < row.length; j++) row[j] *= factor;
    }

    /**
     * Pr(D_n &lt; x) by Pomeranz's recursion: 2n+1 convolutions of a short row with Poisson-like weights,
     * only the few non-zero entries of each row kept, rescaled against underflow.
     */
    static double pomeranz(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs];
        double[] twogpower = new double[npwrs];
        double[] onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < npwrs; m++) {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[npwrs];
        double[] v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0;
        int v1s = 0;
        int expnt = 0;
        int[] j = pomeranzBounds(0, n, ll, ceilf, roundf);
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j[0];
            double[] swap = v0; v0 = v1; v1 = swap;
            int swapS = v0s; v0s = v1s; v1s = swapS;
            java.util.Arrays.fill(v1, 0.0);
            j = pomeranzBounds(i, n, ll, ceilf, roundf);
            double[] pwrs = i == 1 || i == 2 * n + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            int ln2 = j[1] - k1 + 1;
            if (ln2 > 0) {
                int from = k1 - v0s;
                int aLen = Math.min(ln2, npwrs - from);
                int convStart = j[0] - k1;
                int convLen = j[1] - j[0] + 1;
                double max = 0;
                for (int r = 0; r < convLen; r++) {
                    int idx = convStart + r;
                    double sum = 0;
                    for (int s = Math.max(0, idx - ln2 + 1); s <= Math.min(idx, aLen - 1); s++) {
                        sum += v0[from + s] * pwrs[idx - s];
                    }
                    v1[r] = sum;
                    max = Math.max(max, sum);
                }
                if (max > 0 && max < EM128) {
                    for (int r = 0; r < v1.length; r++) v1[r] *= EP128;
                    expnt -= E128;
                }
                v1s = v0s + j[0] - k1;
            }
        }
        double ans = v1[n - v1s];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(ans) > EP128) {
                ans *= EM128;
                expnt += E128;
            }
            ans *= m;
        }
        return expnt != 0 ? Math.scalb(ans, expnt) : ans;
    }

    private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int half = (i + 1) / 2;
            if ((i + 1) % 2 == 0) {
                if (half == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }
        return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
    }

    /**
     * Pr(D_n ≤ x) by the Pelz–Good expansion: the Li-Chien/Korolyuk series K0 + K1/√n + K2/n + K3/n^1.5,
     * each term rewritten through Jacobi theta identities into a form that converges fast for small z = x√n.
     */
    static double pelzGood(long n, double x) {
        if (x <= 0.0) return 0.0;
        if (x >= 1.0) return 1.0;
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI_SQUARED / 8 / z2;
        if (qlog < MIN_LOG) return 0.0;
        double q = Math.exp(qlog);

        double k1a = -z2;
        double k1b = PI_SQUARED / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI_SQUARED / 4;
        double k2c = PI_FOUR * (1 - 2 * z2) / 16;
        double k3d = PI_SIX * (5 - 30 * z2) / 64;
        double k3c = PI_FOUR * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI_SQUARED * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);

        double[] k = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        // Horner scheme over odd integers m = 2k − 1 of Σ c(m) q^(m²).
        for (int kk = maxk; kk > 0; kk--) {
            double m = 2 * kk - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * kk);
            k[0] = k[0] * qpower + 1.0;
            k[1] = k[1] * qpower + (k1a + k1b * m2);
            k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) k[i] = k[i] * q * SQRT2PI / divisors[i];

        double q2 = Math.exp(-PI_SQUARED / 2 / z2);
        double sqrt3z = Math.sqrt(3) * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int kk = maxk; kk > 0; kk--) {
            double ks2 = (double) kk * kk;
            double qp = Math.pow(q2, ks2);
            double kspi = Math.PI * kk;
            k2extra += ks2 * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }
        k[2] += k2extra * (PI_SQUARED * SQRT2PI / (-36 * z3));
        k[3] += k3extra * (PI_SQUARED * SQRT2PI / (216 * z6));
        double sum = 0;
        for (int i = 0; i < 4; i++) sum += k[i] / Math.pow(n, i / 2.0);
        return sum;
    }
}
