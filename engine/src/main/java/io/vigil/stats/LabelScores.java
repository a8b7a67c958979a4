package io.vigil.stats;

import java.util.TreeSet;

/**
 * Accuracy, precision, recall and F1 from true and predicted labels. Per-class F1 = 2TP/(2TP+FP+FN)
 * (0 when that is 0/0) over the labels present in either list, in ascending order; macro is their
 * plain mean, micro pools the counts (equal to accuracy for single-label data), weighted averages by
 * each label's support among the true labels.
 *
 * @param labels    the labels scored, ascending
 * @param precision per label, TP/(TP+FP), 0 when nothing was predicted as that label
 * @param recall    per label, TP/(TP+FN), 0 when the label never occurs
 * @param f1        per label
 */
public record LabelScores(int[] labels, double[] precision, double[] recall, double[] f1,
                          double accuracy, double f1Macro, double f1Micro, double f1Weighted) {

    /** Scores {@code predicted} against {@code actual}. */
    public static LabelScores of(int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true labels but " + predicted.length + " predictions");
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (int y : actual) set.add(y);
        for (int y : predicted) set.add(y);
        int[] labels = set.stream().mapToInt(Integer::intValue).toArray();
        int k = labels.length;
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[] fn = new long[k];
        long correct = 0;
        for (int i = 0; i < actual.length; i++) {
            int a = java.util.Arrays.binarySearch(labels, actual[i]);
            int p = java.util.Arrays.binarySearch(labels, predicted[i]);
            if (a == p) {
                tp[a]++;
                correct++;
            } else {
                fp[p]++;
                fn[a]++;
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        long sumTp = 0, sumFp = 0, sumFn = 0, support = 0;
        double macro = 0;
        double weighted = 0;
        for (int c = 0; c < k; c++) {
            precision[c] = ratio(tp[c], tp[c] + fp[c]);
            recall[c] = ratio(tp[c], tp[c] + fn[c]);
            f1[c] = ratio(2 * tp[c], 2 * tp[c] + fp[c] + fn[c]);
            macro += f1[c];
            weighted += f1[c] * (tp[c] + fn[c]);
            sumTp += tp[c];
            sumFp += fp[c];
            sumFn += fn[c];
            support += tp[c] + fn[c];
        }
        return new LabelScores(labels, precision, recall, f1, ratio(correct, actual.length),
                k == 0 ? 0 : macro / k, ratio(2 * sumTp, 2 * sumTp + sumFp + sumFn),
                support == 0 ? 0 : weighted / support);
    }

    private static double ratio(long num, long den) { return den == 0 ? 0 : (double) num / den; }

    /** Index of {@code label} in {@link #labels()}, or −1. */
    public int indexOf(int label) {
        int i = java.util.Arrays.binarySearch(labels, label);
        return i < 0 ? -1 : i;
    }
}
