package io.vigil.stats.quality;

import io.vigil.stats.CalibrationError;
import io.vigil.stats.LogLoss;
import io.vigil.stats.PairwiseSum;
import io.vigil.stats.QuantileBins;
import io.vigil.stats.RankAuc;
import io.vigil.stats.RegressionMetrics;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * Computes a quality function (predictions.md §3) on the rows of one group. Metrics use the joined
 * pairs only; a metric without pairs or with a zero denominator has no value.
 */
public final class QualityMetrics {
    private static final int CALIBRATION_BINS = 10;

    private QualityMetrics() {}

    /** A function of a classifier's rows (not an estimate: see {@link #estimate}). */
    public static QualityValue classification(QualityFunction f, ClassificationRows rows, QualityArguments args) {
        long n = rows.size();
        long labelled = rows.labelled();
        int c = args.classIndex();
        int[] predicted = rows.predicted();
        int[] actual = rows.actual();
        switch (f) {
            case PREDICTIONS: return exact(n, n, labelled);
            case LABELLED: return exact(labelled, n, labelled);
            case LABEL_COVERAGE: return proportion(labelled, n, args, n, labelled);
            case POSITIVE_RATE: {
                long positive = 0;
                for (int p : predicted) if (p == c) positive++;
                return proportion(positive, n, args, n, labelled);
            }
            case LABEL_DELAY: return labelDelay(rows.delaySeconds(), args.quantile(), n, labelled);
            default: break;
        }
        if (labelled == 0) return QualityValue.none(n, labelled);
        Confusion counts = Confusion.count(predicted, actual, c);
        return switch (f) {
            case ACCURACY -> {
                long correct = 0;
                for (int i = 0; i < predicted.length; i++) if (actual[i] >= 0 && actual[i] == predicted[i]) correct++;
                yield proportion(correct, labelled, args, n, labelled);
            }
            case PRECISION -> proportion(counts.tp(), counts.tp() + counts.fp(), args, n, labelled);
            case RECALL -> proportion(counts.tp(), counts.tp() + counts.fn(), args, n, labelled);
            case FPR -> proportion(counts.fp(), counts.fp() + counts.tn(), args, n, labelled);
            case SPECIFICITY -> proportion(counts.tn(), counts.fp() + counts.tn(), args, n, labelled);
            case ACTUAL_RATE -> proportion(counts.tp() + counts.fn(), labelled, args, n, labelled);
            case F1 -> point(counts.f1(), n, labelled);
            case AUC -> auc(rows, args, n, labelled);
            case LOG_LOSS -> logLoss(rows, n, labelled);
            case BRIER, CALIBRATION_ERROR -> classScores(f, rows, c, n, labelled);
            default -> throw new IllegalArgumentException(f.languageName() + " does not apply to a classifier's rows");
        };
    }

    /** A function of a regression model's rows. */
    public static QualityValue regression(QualityFunction f, RegressionRows rows, QualityArguments args) {
        long n = rows.size();
        int labelled = 0;
        for (double a : rows.actual()) if (!Double.isNaN(a)) labelled++;
        switch (f) {
            case PREDICTIONS: return exact(n, n, labelled);
            case LABELLED: return exact(labelled, n, labelled);
            case LABEL_COVERAGE: return proportion(labelled, n, args, n, labelled);
            case LABEL_DELAY: return labelDelay(rows.delaySeconds(), args.quantile(), n, labelled);
            default: break;
        }
        if (labelled == 0) return QualityValue.none(n, labelled);
        double[] actual = new double[labelled];
        double[] predicted = new double[labelled];
        for (int i = 0, j = 0; i < n; i++) {
            if (Double.isNaN(rows.actual()[i])) continue;
            actual[j] = rows.actual()[i];
            predicted[j++] = rows.predicted()[i];
        }
        RegressionMetrics m = RegressionMetrics.of(actual, predicted);
        return switch (f) {
            case MAE, BIAS -> {
                double[] values = new double[labelled];
                for (int i = 0; i < labelled; i++) {
                    double e = predicted[i] - actual[i];
                    values[i] = f == QualityFunction.MAE ? Math.abs(e) : e;
                }
                double mean = f == QualityFunction.MAE ? m.mae() : m.meanError();
                yield withInterval(mean, args, labelled < 2 ? null
                        : Interval.studentT(mean, sampleStandardDeviation(values, mean), labelled, args.confidence()), n, labelled, 0);
            }
            case RMSE -> point(OptionalDouble.of(m.rmse()), n, labelled);
            // scikit-learn's 0 or 1 for constant actuals (SS_tot = 0) would read as a breach: no value instead
            case R2 -> point(labelled < 2 || constant(actual) ? OptionalDouble.empty() : OptionalDouble.of(m.r2()), n, labelled);
            case MAPE -> new QualityValue(Double.isNaN(m.mapePercent()) ? OptionalDouble.empty() : OptionalDouble.of(m.mapePercent()),
                    Double.isNaN(m.mapePercent()) ? OptionalDouble.empty() : OptionalDouble.of(m.mapePercent()), null,
                    n, labelled, m.mapeExcluded());
            default -> throw new IllegalArgumentException(f.languageName() + " does not apply to a regression model's rows");
        };
    }

    /**
     * A CBPE estimate (predictions.md §4) over every prediction of a binary model's rows, labelled or
     * not: {@code calibration} maps a score to the probability of the positive class (an
     * {@link IsotonicCalibration} fitted on the reference, or the identity for {@code calibrate=false}).
     */
    public static QualityValue estimate(QualityFunction f, ClassificationRows rows, DoubleUnaryOperator calibration) {
        if (!f.estimated() || rows.kind() != ModelKind.BINARY) {
            throw new IllegalArgumentException(f.languageName() + " is not an estimate of a binary model");
        }
        long n = rows.size();
        long labelled = rows.labelled();
        double[] score = scoredColumn(rows, 1);
        if (score.length == 0) return QualityValue.none(n, labelled);
        if (f == QualityFunction.ESTIMATED_AUC) return point(ExpectedPerformance.auc(score, calibration), n, labelled);
        double[] p = new double[score.length];
        boolean[] predictedPositive = new boolean[score.length];
        double[] column = rows.scores()[1];
        for (int i = 0, j = 0; i < column.length; i++) {
            if (Double.isNaN(column[i])) continue;
            p[j] = calibration.applyAsDouble(column[i]);
            predictedPositive[j++] = rows.predicted()[i] == 1;
        }
        Confusion expected = ExpectedPerformance.confusion(p, predictedPositive);
        return point(switch (f) {
            case ESTIMATED_ACCURACY -> expected.accuracy();
            case ESTIMATED_PRECISION -> expected.precision();
            case ESTIMATED_RECALL -> expected.recall();
            case ESTIMATED_F1 -> expected.f1();
            default -> throw new IllegalStateException(f.name());
        }, n, labelled);
    }

    /** The isotonic calibration of a binary model fitted on the labelled rows with a score; null without any. */
    public static IsotonicCalibration calibration(ClassificationRows reference) {
        double[] score = reference.scores() == null ? new double[0] : reference.scores()[1];
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < score.length; i++) {
            if (reference.actual()[i] < 0 || Double.isNaN(score[i])) continue;
            if (reference.actual()[i] == 1) positives++; else negatives++;
        }
        if (positives + negatives == 0) return null;
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        for (int i = 0, a = 0, b = 0; i < score.length; i++) {
            if (reference.actual()[i] < 0 || Double.isNaN(score[i])) continue;
            if (reference.actual()[i] == 1) pos[a++] = score[i]; else neg[b++] = score[i];
        }
        return IsotonicCalibration.fit(pos, neg);
    }

    private static QualityValue auc(ClassificationRows rows, QualityArguments args, long n, long labelled) {
        if (rows.scores() == null) return QualityValue.none(n, labelled);
        double[] column = rows.scores()[args.classIndex()];
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < column.length; i++) {
            if (rows.actual()[i] < 0 || Double.isNaN(column[i])) continue;
            if (rows.actual()[i] == args.classIndex()) positives++; else negatives++;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        for (int i = 0, a = 0, b = 0; i < column.length; i++) {
            if (rows.actual()[i] < 0 || Double.isNaN(column[i])) continue;
            if (rows.actual()[i] == args.classIndex()) pos[a++] = column[i]; else neg[b++] = column[i];
        }
        double auc = RankAuc.of(pos, neg);
        if (Double.isNaN(auc)) return QualityValue.none(n, labelled);
        return withInterval(auc, args, Interval.hanleyMcNeil(auc, positives, negatives, args.confidence()), n, labelled, 0);
    }

    private static QualityValue logLoss(ClassificationRows rows, long n, long labelled) {
        if (rows.scores() == null) return QualityValue.none(n, labelled);
        int k = rows.classCount();
        int m = 0;
        for (int i = 0; i < rows.size(); i++) if (rows.actual()[i] >= 0 && scored(rows, i)) m++;
        if (m == 0) return QualityValue.none(n, labelled);
        int[] actual = new int[m];
        double loss;
        if (rows.kind() == ModelKind.BINARY) {
            double[] p = new double[m];
            for (int i = 0, j = 0; i < rows.size(); i++) {
                if (rows.actual()[i] < 0 || !scored(rows, i)) continue;
                actual[j] = rows.actual()[i];
                p[j++] = rows.scores()[1][i];
            }
            loss = LogLoss.binary(actual, p, LogLoss.QUALITY_EPSILON);
        } else {
            double[][] p = new double[m][];
            for (int i = 0, j = 0; i < rows.size(); i++) {
                if (rows.actual()[i] < 0 || !scored(rows, i)) continue;
                actual[j] = rows.actual()[i];
                double[] row = new double[k];
                for (int c = 0; c < k; c++) row[c] = rows.scores()[c][i];
                p[j++] = row;
            }
            loss = LogLoss.multiclass(actual, p, LogLoss.QUALITY_EPSILON);
        }
        return point(OptionalDouble.of(loss), n, labelled);
    }

    private static QualityValue classScores(QualityFunction f, ClassificationRows rows, int c, long n, long labelled) {
        if (rows.scores() == null) return QualityValue.none(n, labelled);
        double[] column = rows.scores()[c];
        int m = 0;
        for (int i = 0; i < column.length; i++) if (rows.actual()[i] >= 0 && !Double.isNaN(column[i])) m++;
        if (m == 0) return QualityValue.none(n, labelled);
        int[] outcome = new int[m];
        double[] score = new double[m];
        for (int i = 0, j = 0; i < column.length; i++) {
            if (rows.actual()[i] < 0 || Double.isNaN(column[i])) continue;
            outcome[j] = rows.actual()[i] == c ? 1 : 0;
            score[j++] = column[i];
        }
        if (f == QualityFunction.CALIBRATION_ERROR) {
            return point(OptionalDouble.of(CalibrationError.binary(outcome, score, CALIBRATION_BINS).value()), n, labelled);
        }
        double[] squares = new double[m];
        for (int j = 0; j < m; j++) squares[j] = (outcome[j] - score[j]) * (outcome[j] - score[j]);
        return point(OptionalDouble.of(PairwiseSum.of(squares) / m), n, labelled);
    }

    private static QualityValue labelDelay(double[] delaySeconds, double q, long n, long labelled) {
        double[] delays = Arrays.stream(delaySeconds).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (delays.length == 0) return QualityValue.none(n, labelled);
        return point(OptionalDouble.of(QuantileBins.quantile(delays, q)), n, labelled);
    }

    private static boolean scored(ClassificationRows rows, int i) {
        for (double[] column : rows.scores()) if (Double.isNaN(column[i])) return false;
        return true;
    }

    private static double[] scoredColumn(ClassificationRows rows, int c) {
        if (rows.scores() == null) return new double[0];
        return Arrays.stream(rows.scores()[c]).filter(s -> !Double.isNaN(s)).toArray();
    }

    private static boolean constant(double[] values) {
        for (double v : values) if (v != values[0]) return false;
        return true;
    }

    private static double sampleStandardDeviation(double[] values, double mean) {
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) squares[i] = (values[i] - mean) * (values[i] - mean);
        return Math.sqrt(PairwiseSum.of(squares) / (values.length - 1));
    }

    private static QualityValue exact(long value, long n, long labelled) {
        return new QualityValue(OptionalDouble.of(value), OptionalDouble.of(value), null, n, labelled, 0);
    }

    private static QualityValue point(OptionalDouble value, long n, long labelled) {
        return new QualityValue(value, value, null, n, labelled, 0);
    }

    private static QualityValue proportion(double successes, double trials, QualityArguments args, long n, long labelled) {
        if (trials == 0) return QualityValue.none(n, labelled);
        double p = successes / trials;
        return withInterval(p, args, args.bound() == null ? null : Interval.wilson(successes, trials, args.confidence()),
                n, labelled, 0);
    }

    private static QualityValue withInterval(double point, QualityArguments args, Interval interval, long n,
                                             long labelled, long excluded) {
        OptionalDouble value = OptionalDouble.of(point);
        if (args.bound() != null) {
            if (interval == null) {
                value = OptionalDouble.empty(); // an interval needs more data than the point value has
            } else {
                value = OptionalDouble.of(args.bound() == QualityArguments.Side.LOWER ? interval.lower() : interval.upper());
            }
        }
        return new QualityValue(value, OptionalDouble.of(point), args.bound() == null ? null : interval, n, labelled, excluded);
    }
}
