package io.vigil.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's χ² test of homogeneity on the 2×K table of reference and current counts: expected count
 * row·column/N, K−1 degrees of freedom, no Yates correction; p from the regularized upper incomplete
 * gamma Q(k/2, χ²/2), never 1 − CDF, so tiny p-values keep their digits.
 */
public final class ChiSquareTest {

    /**
     * The test result.
     *
     * @param statistic the χ² statistic
     * @param dof       degrees of freedom (K − 1)
     * @param pValue    Pr(χ²_dof ≥ statistic)
     */
    public record Result(double statistic, int dof, double pValue) {}

    private ChiSquareTest() {}

    /**
     * Tests two count vectors over the same K categories (zeros allowed, but no category may be empty in
     * both). Returns null when K &lt; 2 — a single category has no test, and means no drift.
     */
    public static Result homogeneity(double[] referenceCounts, double[] currentCounts) {
        int k = referenceCounts.length;
        if (k < 2) return null;
        double rowRef = 0;
        double rowCur = 0;
        for (int i = 0; i < k; i++) {
            rowRef += referenceCounts[i];
            rowCur += currentCounts[i];
        }
        double total = rowRef + rowCur;
        double statistic = 0;
        for (int i = 0; i < k; i++) {
            double column = referenceCounts[i] + currentCounts[i];
            if (column == 0) throw new IllegalArgumentException("category " + i + " is empty in both samples");
            double expectedRef = rowRef * column / total;
            double expectedCur = rowCur * column / total;
            double dRef = referenceCounts[i] - expectedRef;
            double dCur = currentCounts[i] - expectedCur;
            statistic += dRef * dRef / expectedRef + dCur * dCur / expectedCur;
        }
        int dof = k - 1;
        return new Result(statistic, dof, Gamma.regularizedGammaQ(dof / 2.0, statistic / 2.0));
    }
}
