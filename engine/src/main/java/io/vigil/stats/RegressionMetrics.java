package io.vigil.stats;

/**
 * Errors of a regression model, e = prediction − truth.
 *
 * @param mapePercent  100·mean(|e|/|y|) over rows with y ≠ 0 (NaN when every y is 0)
 * @param mapeExcluded rows left out of MAPE because y = 0
 * @param r2           1 − SS_res/SS_tot; when SS_tot = 0, 1 if SS_res = 0 else 0 (as sklearn)
 */
public record RegressionMetrics(long n, double mse, double rmse, double mae, double meanError,
                                double mapePercent, long mapeExcluded, double r2) {

    /** Computes every metric from true values and predictions of equal length (at least one). */
    public static RegressionMetrics of(double[] actual, double[] predicted) {
        int n = actual.length;
        if (n != predicted.length || n == 0) {
            throw new IllegalArgumentException(n + " true values and " + predicted.length
                    + " predictions; expected the same non-zero number");
        }
        PairwiseSum squares = new PairwiseSum();
        PairwiseSum absolute = new PairwiseSum();
        PairwiseSum errors = new PairwiseSum();
        PairwiseSum relative = new PairwiseSum();
        long excluded = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            squares.add(e * e);
            absolute.add(Math.abs(e));
            errors.add(e);
            if (actual[i] == 0) excluded++; else relative.add(Math.abs(e) / Math.abs(actual[i]));
        }
        double mean = PairwiseSum.of(actual) / n;
        PairwiseSum spread = new PairwiseSum();
        for (double y : actual) spread.add((y - mean) * (y - mean));
        double ssRes = squares.total();
        double ssTot = spread.total();
        double r2 = ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        double mse = ssRes / n;
        return new RegressionMetrics(n, mse, Math.sqrt(mse), absolute.total() / n, errors.total() / n,
                excluded == n ? Double.NaN : 100 * relative.total() / (n - excluded), excluded, r2);
    }
}
