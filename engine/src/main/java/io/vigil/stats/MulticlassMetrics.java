package io.vigil.stats;

/**
 * Quality of a multiclass classifier from true labels 0..K−1 and per-class probabilities; the
 * predicted label is the first most probable class.
 *
 * @param scores   accuracy, per-class and averaged F1
 * @param aucPerClass one-vs-rest AUC per class (NaN for a class absent from the true labels)
 * @param aucMacro mean of the per-class AUCs
 * @param ece10    top-label ECE, 10 bins
 * @param ece15    top-label ECE, 15 bins (Guo et al.)
 */
public record MulticlassMetrics(LabelScores scores, double[] aucPerClass, double aucMacro, double logLoss,
                                double ece10, double ece15) {

    /** Computes every metric; {@code probabilities[i][k]} is row i's probability of class k. */
    public static MulticlassMetrics of(int[] actual, double[][] probabilities) {
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[] predicted = new int[actual.length];
        for (int i = 0; i < actual.length; i++) predicted[i] = CalibrationError.argmax(probabilities[i]);
        double[] auc = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double[] column = new double[actual.length];
            for (int i = 0; i < actual.length; i++) column[i] = probabilities[i][k];
            auc[k] = RankAuc.oneVsRest(actual, column, k);
            sum += auc[k];
        }
        return new MulticlassMetrics(LabelScores.of(actual, predicted), auc, sum / classes,
                LogLoss.multiclass(actual, probabilities),
                CalibrationError.topLabel(actual, probabilities, 10).value(),
                CalibrationError.topLabel(actual, probabilities, 15).value());
    }
}
