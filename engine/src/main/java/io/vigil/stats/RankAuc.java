package io.vigil.stats;

import java.util.Arrays;

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the share of (positive, negative) pairs
 * the score orders correctly, a tie counting ½ — equal to trapezoidal ROC AUC. Counted exactly in
 * integers from the two sorted score lists, then divided once.
 */
public final class RankAuc {
    private RankAuc() {}

    /** AUC of scores for positives against negatives; NaN when either side is empty. */
    public static double of(double[] positiveScores, double[] negativeScores) {
        if (positiveScores.length == 0 || negativeScores.length == 0) return Double.NaN;
        double[] pos = positiveScores.clone();
        double[] neg = negativeScores.clone();
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twiceWins = 0; // 2 per correctly ordered pair, 1 per tie
        int below = 0;
        int atOrBelow = 0;
        for (double v : pos) {
            while (below < neg.length && neg[below] < v) below++;
            if (atOrBelow < below) atOrBelow = below;
            while (atOrBelow < neg.length && neg[atOrBelow] <= v) atOrBelow++;
            twiceWins += (long) below + atOrBelow;
        }
        return twiceWins / (2.0 * pos.length * neg.length);
    }

    /** AUC of one class against the rest: {@code labels[i] == positive} are the positives. */
    public static double oneVsRest(int[] labels, double[] scores, int positive) {
        int p = 0;
        for (int label : labels) if (label == positive) p++;
        double[] pos = new double[p];
        double[] neg = new double[labels.length - p];
        int i = 0;
        int j = 0;
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] == positive) pos[i++] = scores[k]; else neg[j++] = scores[k];
        }
        return of(pos, neg);
    }
}
