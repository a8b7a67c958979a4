package io.vigil.stats.quality;

import java.util.Arrays;

/**
 * A monotone map from scores to probabilities fitted on labelled pairs, exactly as scikit-learn 1.2's
 * {@code IsotonicRegression(increasing=True, y_min=0, y_max=1, out_of_bounds="clip")}: pairs sorted by
 * score, scores less than 1e-15 apart merged into one point (mean outcome, summed weight),
 * pool-adjacent-violators, points flat on both sides dropped, then linear interpolation between the
 * points and the end values outside them.
 */
public final class IsotonicCalibration {
    /** NumPy's float64 resolution, below which scikit-learn treats two scores as one. */
    private static final double SAME_SCORE = 1e-15;

    private final double[] x;
    private final double[] y;

    private IsotonicCalibration(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Fits the calibration on the scores of labelled pairs, split by outcome; needs at least one pair.
     * Outcomes are 0/1, so sorting each side and merging them orders the pairs as scikit-learn's
     * lexsort does and sums them exactly.
     */
    public static IsotonicCalibration fit(double[] positiveScores, double[] negativeScores) {
        double[] pos = positiveScores.clone();
        double[] neg = negativeScores.clone();
        Arrays.sort(pos);
        Arrays.sort(neg);
        int n = pos.length + neg.length;
        if (n == 0) throw new IllegalArgumentException("no labelled pairs to calibrate on");
        double[] ux = new double[n];
        double[] uy = new double[n];
        double[] uw = new double[n];
        int m = 0;
        int i = 0;
        int j = 0;
        double currentX = Double.NaN;
        double sumY = 0;
        double weight = 0;
        while (i < pos.length || j < neg.length) {
            boolean negative = i == pos.length || (j < neg.length && neg[j] <= pos[i]);
            double sx = negative ? neg[j++] : pos[i++];
            double sy = negative ? 0 : 1;
            if (weight == 0) {
                currentX = sx;
                weight = 1;
                sumY = sy;
            } else if (sx - currentX >= SAME_SCORE) {
                ux[m] = currentX;
                uw[m] = weight;
                uy[m] = sumY / weight;
                m++;
                currentX = sx;
                weight = 1;
                sumY = sy;
            } else {
                weight += 1;
                sumY += sy;
            }
        }
        ux[m] = currentX;
        uw[m] = weight;
        uy[m] = sumY / weight;
        m++;
        double[] fitted = Arrays.copyOf(uy, m);
        poolAdjacentViolators(fitted, Arrays.copyOf(uw, m));
        for (int k = 0; k < m; k++) fitted[k] = Math.min(1, Math.max(0, fitted[k]));
        return trimmed(Arrays.copyOf(ux, m), fitted);
    }

    // scikit-learn's _inplace_contiguous_isotonic_regression, step for step, so that pooled means round alike.
    private static void poolAdjacentViolators(double[] y, double[] w) {
        int n = y.length;
        int[] target = new int[n];
        for (int i = 0; i < n; i++) target[i] = i;
        int i = 0;
        while (i < n) {
            int k = target[i] + 1;
            if (k == n) break;
            if (y[i] < y[k]) {
                i = k;
                continue;
            }
            double sumWy = w[i] * y[i];
            double sumW = w[i];
            while (true) {
                double prevY = y[k];
                sumWy += w[k] * y[k];
                sumW += w[k];
                k = target[k] + 1;
                if (k == n || prevY < y[k]) {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    target[i] = k - 1;
                    target[k - 1] = i;
                    if (i > 0) i = target[i - 1];
                    break;
                }
            }
        }
        i = 0;
        while (i < n) {
            int k = target[i] + 1;
            Arrays.fill(y, i + 1, k, y[i]);
            i = k;
        }
    }

    private static IsotonicCalibration trimmed(double[] x, double[] y) {
        int n = y.length;
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            keep[i] = i == 0 || i == n - 1 || y[i] != y[i - 1] || y[i] != y[i + 1];
            if (keep[i]) kept++;
        }
        double[] kx = new double[kept];
        double[] ky = new double[kept];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                kx[j] = x[i];
                ky[j++] = y[i];
            }
        }
        return new IsotonicCalibration(kx, ky);
    }

    /** The calibrated probability of a score (SciPy's interp1d arithmetic, clipped to the fitted range). */
    public double apply(double score) {
        int n = x.length;
        if (n == 1) return y[0];
        double t = Math.min(x[n - 1], Math.max(x[0], score));
        int hi = Arrays.binarySearch(x, t);
        if (hi < 0) hi = -hi - 1; // first index with x ≥ t, as numpy.searchsorted(side="left")
        hi = Math.max(1, Math.min(n - 1, hi));
        int lo = hi - 1;
        double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
        return slope * (t - x[lo]) + y[lo];
    }

    /** Calibrated probabilities of many scores. */
    public double[] apply(double[] scores) {
        double[] p = new double[scores.length];
        for (int i = 0; i < scores.length; i++) p[i] = apply(scores[i]);
        return p;
    }

    /** The fitted points' scores (after merging and trimming), ascending. */
    public double[] thresholds() { return x.clone(); }

    /** The fitted probabilities at {@link #thresholds()}. */
    public double[] fitted() { return y.clone(); }
}
