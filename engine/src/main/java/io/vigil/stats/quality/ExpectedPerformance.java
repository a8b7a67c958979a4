package io.vigil.stats.quality;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * Confidence-based performance estimation (CBPE, predictions.md §4): with calibrated probabilities
 * p_i of the positive class, the expected confusion matrix and the expected ROC curve of predictions
 * whose outcomes are not known yet.
 */
public final class ExpectedPerformance {
    private ExpectedPerformance() {}

    /** Expected TP = Σ p·[ŷ=1], FP = Σ (1−p)·[ŷ=1], FN = Σ p·[ŷ=0], TN = Σ (1−p)·[ŷ=0]. */
    public static Confusion confusion(double[] probability, boolean[] predictedPositive) {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < probability.length; i++) {
            double p = probability[i];
            if (predictedPositive[i]) {
                tp += p;
                fp += 1 - p;
            } else {
                fn += p;
                tn += 1 - p;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    /**
     * Area under the expected ROC curve: scores sorted descending, equal scores one step, TPR_k =
     * Σ_{j≤k} p_j / Σ p and FPR_k = Σ_{j≤k} (1 − p_j) / Σ (1 − p), trapezoid rule. The probability is a
     * function of the score ({@code calibration}), so equal scores have equal probabilities. No value
     * when every p is 0 or every p is 1.
     */
    public static OptionalDouble auc(double[] scores, DoubleUnaryOperator calibration) {
        if (scores.length == 0) return OptionalDouble.empty();
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double totalP = 0;
        double totalN = 0;
        for (double s : sorted) {
            double p = calibration.applyAsDouble(s);
            totalP += p;
            totalN += 1 - p;
        }
        if (totalP <= 0 || totalN <= 0) return OptionalDouble.empty();
        double area = 0;
        double tp = 0;
        double fp = 0;
        int k = sorted.length - 1;
        while (k >= 0) {
            double s = sorted[k];
            double p = calibration.applyAsDouble(s);
            int run = 0;
            while (k >= 0 && sorted[k] == s) {
                run++;
                k--;
            }
            double tpNext = tp + run * p;
            double fpNext = fp + run * (1 - p);
            area += (fpNext - fp) / totalN * (tpNext + tp) / totalP / 2;
            tp = tpNext;
            fp = fpNext;
        }
        return OptionalDouble.of(area);
    }
}
