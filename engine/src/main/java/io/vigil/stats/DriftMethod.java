package io.vigil.stats;

import java.util.Locale;

/**
 * The tests the default selection can pick for {@code drift}/{@code drift_detected}, each with its
 * recommended threshold (statistics.md): p-values drift below 0.05, distances at or above 0.1.
 */
public enum DriftMethod {
    /** Two-sample Kolmogorov–Smirnov p-value. */
    KS(true, 0.05),
    /** χ² homogeneity p-value. */
    CHI2(true, 0.05),
    /** Two-proportion z-test p-value. */
    Z(true, 0.05),
    /** Normalised Wasserstein distance. */
    WASSERSTEIN(false, 0.1),
    /** Jensen–Shannon distance, base 2. */
    JS(false, 0.1);

    private final boolean pValue;
    private final double threshold;

    DriftMethod(boolean pValue, double threshold) {
        this.pValue = pValue;
        this.threshold = threshold;
    }

    /** True for p-value tests (lower = more drift), false for distances (higher = more drift). */
    public boolean isPValue() { return pValue; }

    /** The recommended alert threshold. */
    public double threshold() { return threshold; }

    /** Whether {@code score} crosses the threshold: p &lt; 0.05, or distance ≥ 0.1. */
    public boolean detects(double score) { return pValue ? score < threshold : score >= threshold; }

    /** The name shown to users, e.g. {@code chi2}. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
