package io.vigil.stats;

import java.util.Arrays;

/**
 * Quality of a binary classifier from true labels (1 = positive) and positive-class scores; the
 * predicted label is 1 when the score is ≥ 0.5.
 *
 * @param gini 2·AUC − 1 (accuracy ratio / Somers' D)
 * @param ks   max |TPR − FPR| = KS distance between positives' and negatives' scores
 * @param ece  binary ECE, 10 bins
 */
public record BinaryClassificationMetrics(double accuracy, double precision, double recall, double f1,
                                          double f1Macro, double f1Micro, double f1Weighted,
                                          double auc, double gini, double ks, double logLoss, double ece) {
    /** Label threshold on the score. */
    public static final double THRESHOLD = 0.5;

    /** Computes every metric; AUC, Gini and KS are NaN when one class is absent. */
    public static BinaryClassificationMetrics of(int[] actual, double[] score) {
        if (actual.length != score.length) {
            throw new IllegalArgumentException(actual.length + " labels but " + score.length + " scores");
        }
        int[] predicted = new int[score.length];
        int positives = 0;
        for (int i = 0; i < score.length; i++) {
            predicted[i] = score[i] >= THRESHOLD ? 1 : 0;
            if (actual[i] == 1) positives++;
        }
        double[] pos = new double[positives];
        double[] neg = new double[score.length - positives];
        int p = 0;
        int n = 0;
        for (int i = 0; i < score.length; i++) {
            if (actual[i] == 1) pos[p++] = score[i]; else neg[n++] = score[i];
        }
        LabelScores labels = LabelScores.of(actual, predicted);
        int one = labels.indexOf(1);
        double auc = RankAuc.of(pos, neg);
        double ks = Double.NaN;
        if (pos.length > 0 && neg.length > 0) {
            Arrays.sort(pos);
            Arrays.sort(neg);
            ks = KolmogorovSmirnov.statistic(pos, neg);
        }
        return new BinaryClassificationMetrics(labels.accuracy(),
                one < 0 ? 0 : labels.precision()[one], one < 0 ? 0 : labels.recall()[one], one < 0 ? 0 : labels.f1()[one],
                labels.f1Macro(), labels.f1Micro(), labels.f1Weighted(), auc, 2 * auc - 1, ks,
                LogLoss.binary(actual, score), CalibrationError.binary(actual, score, 10).value());
    }
}
