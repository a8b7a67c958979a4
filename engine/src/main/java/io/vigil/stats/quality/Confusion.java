package io.vigil.stats.quality;

import java.util.OptionalDouble;

/**
 * A one-vs-rest confusion matrix for one class. Counts are doubles so that CBPE's expected matrix
 * (sums of probabilities, predictions.md §4) gives its metrics by the same formulas as counted pairs.
 * A metric whose denominator is zero has no value, never 0 or NaN.
 */
public record Confusion(double tp, double fp, double fn, double tn) {

    /** Counts the labelled rows ({@code actual ≥ 0}) with {@code positive} as the class. */
    public static Confusion count(int[] predicted, int[] actual, int positive) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0) continue;
            boolean p = predicted[i] == positive;
            boolean a = actual[i] == positive;
            if (p && a) tp++; else if (p) fp++; else if (a) fn++; else tn++;
        }
        return new Confusion(tp, fp, fn, tn);
    }

    public double total() { return tp + fp + fn + tn; }

    /** (TP + TN) / n — for a binary model, the share of correct predictions. */
    public OptionalDouble accuracy() { return ratio(tp + tn, total()); }

    /** TP / (TP + FP). */
    public OptionalDouble precision() { return ratio(tp, tp + fp); }

    /** TP / (TP + FN). */
    public OptionalDouble recall() { return ratio(tp, tp + fn); }

    /** FP / (FP + TN). */
    public OptionalDouble fpr() { return ratio(fp, fp + tn); }

    /** TN / (FP + TN). */
    public OptionalDouble specificity() { return ratio(tn, fp + tn); }

    /**
     * 2TP / (2TP + FP + FN) — the harmonic mean of precision and recall, defined only when both are
     * (contract §2): scikit-learn's 0 for an ill-defined F1 would read as a breach.
     */
    public OptionalDouble f1() {
        if (tp + fp == 0 || tp + fn == 0) return OptionalDouble.empty();
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    static OptionalDouble ratio(double numerator, double denominator) {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / denominator);
    }
}
