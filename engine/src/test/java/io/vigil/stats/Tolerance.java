package io.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

/** The tolerances at the end of statistics.md, as assertions. */
public final class Tolerance {
    private Tolerance() {}

    /** |Δ| ≤ max(1e-12, 1e-9·|expected|): PSI, KL, L∞, Wasserstein, KS D, AUC, F1, log loss, ECE, regression. */
    public static void arithmetic(String what, double actual, double expected) {
        double allowed = Math.max(1e-12, 1e-9 * Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as("%s: %s vs expected %s", what, actual, expected)
                .isLessThanOrEqualTo(allowed);
    }

    public static void absolute(String what, double actual, double expected, double allowed) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs expected %s", what, actual, expected)
                .isLessThanOrEqualTo(allowed);
    }

    public static void relative(String what, double actual, double expected, double allowed) {
        if (expected == 0) {
            assertThat(actual).as("%s: %s vs expected 0", what, actual).isEqualTo(0.0);
            return;
        }
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("%s: %s vs expected %s", what, actual, expected).isLessThanOrEqualTo(allowed);
    }

    /** χ² and normal p-values: relative 1e-9 for p ≥ 1e-12; below that only the 0.05 decision must agree. */
    public static void pValue(String what, double actual, double expected) {
        if (expected >= 1e-12) {
            relative(what, actual, expected, 1e-9);
        } else {
            assertThat(actual < 0.05).as("%s: %s vs expected %s (decision at 0.05)", what, actual, expected)
                    .isEqualTo(expected < 0.05);
        }
    }
}
