package io.vigil.runtime;

import io.vigil.check.Durations;
import io.vigil.plan.Operand;
import io.vigil.stats.quality.ClassificationRows;
import io.vigil.stats.quality.Interval;
import io.vigil.stats.quality.IsotonicCalibration;
import io.vigil.stats.quality.ModelKind;
import io.vigil.stats.quality.QualityArguments;
import io.vigil.stats.quality.QualityFunction;
import io.vigil.stats.quality.QualityMetrics;
import io.vigil.stats.quality.QualityValue;
import io.vigil.stats.quality.RegressionRows;
import io.vigil.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Model-quality operands (predictions.md §3, §4): reads the window's predictions joined as of T,
 * splits them by the {@code by} labels and computes the function per group with
 * {@code stats.quality}. A group whose value is undefined gives no element.
 */
public final class QualityOperands {
    private final PredictionPairs pairs;
    private final Function<String, QualityModel> models;

    /** @param models a model's kind, positive class and threshold from vigil.yaml */
    public QualityOperands(PredictionPairs pairs, Function<String, QualityModel> models) {
        this.pairs = pairs;
        this.models = models;
    }

    /** The elements of a quality operand of a rule of {@code model} at {@code t}. */
    public List<OperandValue> compute(String model, Operand.Quality q, Instant t) throws OperandException {
        QualityFunction f = QualityFunction.byLanguageName(q.function());
        if (f == null) throw new OperandException("unknown quality function " + q.function());
        QualityModel settings = models.apply(model);
        if (!f.kinds().contains(settings.kind())) {
            throw new OperandException(q.function() + " does not apply to model " + model + ", a "
                    + settings.kind().configName() + " model (models." + model + ".kind in vigil.yaml)");
        }
        Instant to = t.minus(q.delay());
        Instant from = to.minus(q.window());
        try {
            List<JoinedPrediction> window = pairs.read(model, from, to, t, q.labels());
            DoubleUnaryOperator calibration = null;
            String referenceNote = "";
            if (f.estimated()) {
                Instant refFrom = from.minus(q.reference());
                List<JoinedPrediction> reference = pairs.read(model, refFrom, from, t, q.labels());
                ClassificationRows refRows = new RowBuilder(settings, q).classification(reference);
                long labelled = refRows.labelled();
                referenceNote = "; reference prior(" + Durations.format(q.reference()) + ") = (" + refFrom + ", " + from
                        + "]: " + reference.size() + " predictions, " + labelled + " labelled";
                if (!q.calibrate()) {
                    calibration = DoubleUnaryOperator.identity();
                    referenceNote += ", scores used uncalibrated (calibrate=false)";
                } else {
                    IsotonicCalibration iso = QualityMetrics.calibration(refRows);
                    if (iso == null) {
                        if (window.isEmpty()) return List.of();
                        throw new OperandException(q.describe() + ": no labelled predictions with a score in the reference window ("
                                + refFrom + ", " + from + "] to calibrate on; give the outcomes time, or use calibrate=false");
                    }
                    calibration = iso::apply;
                    referenceNote += ", isotonic calibration";
                }
            }
            List<OperandValue> out = new ArrayList<>();
            for (Map.Entry<SortedMap<String, String>, List<JoinedPrediction>> group : groups(window, q.by()).entrySet()) {
                RowBuilder rows = new RowBuilder(settings, q);
                QualityValue v;
                if (settings.kind() == ModelKind.REGRESSION) {
                    v = QualityMetrics.regression(f, rows.regression(group.getValue()), rows.arguments());
                } else {
                    ClassificationRows c = rows.classification(group.getValue());
                    v = f.estimated() ? QualityMetrics.estimate(f, c, calibration)
                            : QualityMetrics.classification(f, c, rows.arguments());
                }
                if (v.value().isEmpty()) continue;
                out.add(new OperandValue(group.getKey(), v.value().getAsDouble(), note(q, from, to, v) + referenceNote));
            }
            return out;
        } catch (StoreException e) {
            throw new OperandException("store: " + e.getMessage());
        }
    }

    /** One group per combination of the {@code by} labels' values (absent labels are left out). */
    static Map<SortedMap<String, String>, List<JoinedPrediction>> groups(List<JoinedPrediction> rows, List<String> by) {
        Map<SortedMap<String, String>, List<JoinedPrediction>> out = new LinkedHashMap<>();
        for (JoinedPrediction p : rows) {
            SortedMap<String, String> key = new TreeMap<>();
            for (String l : by) {
                String v = p.labels().get(l);
                if (v != null && !v.isEmpty()) key.put(l, v);
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        // without by, an empty window is one empty group: predictions and labelled are 0, the rest no value
        if (out.isEmpty() && by.isEmpty()) out.put(new TreeMap<>(), rows);
        return out;
    }

    static String note(Operand.Quality q, Instant from, Instant to, QualityValue v) {
        StringBuilder s = new StringBuilder("window ").append(Durations.format(q.window()));
        if (!q.delay().isZero()) s.append(", delay ").append(Durations.format(q.delay()));
        s.append(" = (").append(from).append(", ").append(to).append("]: ")
                .append(v.predictions()).append(" predictions, ").append(v.labelled()).append(" labelled");
        if (v.excluded() > 0) s.append(", ").append(v.excluded()).append(" with actual 0 left out");
        Interval i = v.interval();
        if (q.bound() != null) {
            s.append("; ").append(q.bound()).append(" bound");
            if (i != null) {
                s.append(" of the ").append(number(100 * i.confidence())).append("% interval [")
                        .append(number(i.lower())).append(", ").append(number(i.upper())).append("], point value ")
                        .append(number(v.point().orElse(Double.NaN)));
            }
        }
        return s.toString();
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    /** Turns joined predictions into the column arrays of {@code stats.quality}. */
    private static final class RowBuilder {
        private final QualityModel model;
        private final Operand.Quality q;
        private final Map<String, Integer> classIndex = new LinkedHashMap<>();
        private int classArg = 1;

        RowBuilder(QualityModel model, Operand.Quality q) {
            this.model = model;
            this.q = q;
        }

        QualityArguments arguments() {
            QualityArguments.Side side = q.bound() == null ? null
                    : q.bound().equals("lower") ? QualityArguments.Side.LOWER : QualityArguments.Side.UPPER;
            return new QualityArguments(classArg, side, q.confidence(), q.quantile() == null ? 0.5 : q.quantile());
        }

        RegressionRows regression(List<JoinedPrediction> rows) {
            int n = rows.size();
            double[] predicted = new double[n];
            double[] actual = new double[n];
            double[] delay = new double[n];
            for (int i = 0; i < n; i++) {
                JoinedPrediction p = rows.get(i);
                predicted[i] = p.value() == null ? Double.NaN : p.value();
                actual[i] = p.labelled() && p.actualValue() != null ? p.actualValue() : Double.NaN;
                delay[i] = Double.isNaN(actual[i]) ? Double.NaN : delaySeconds(p);
            }
            return new RegressionRows(predicted, actual, delay);
        }

        ClassificationRows classification(List<JoinedPrediction> rows) {
            return model.kind() == ModelKind.BINARY ? binary(rows) : multiclass(rows);
        }

        private ClassificationRows binary(List<JoinedPrediction> rows) {
            int n = rows.size();
            double[] score = new double[n];
            boolean[] predicted = new boolean[n];
            int[] actual = new int[n];
            double[] delay = new double[n];
            double threshold = q.threshold() != null ? q.threshold() : model.threshold();
            for (int i = 0; i < n; i++) {
                JoinedPrediction p = rows.get(i);
                score[i] = p.score() == null ? Double.NaN : p.score();
                // threshold= re-derives the class from the score; otherwise the class as sent wins
                if (p.score() != null && (q.threshold() != null || p.predicted() == null)) predicted[i] = p.score() >= threshold;
                else predicted[i] = p.predicted() != null && model.positive(p.predicted());
                actual[i] = p.labelled() && p.actual() != null ? (model.positive(p.actual()) ? 1 : 0) : -1;
                delay[i] = actual[i] < 0 ? Double.NaN : delaySeconds(p);
            }
            classArg = q.classValue() == null || model.positive(q.classValue()) ? 1 : 0;
            return ClassificationRows.binary(score, predicted, actual, delay);
        }

        private ClassificationRows multiclass(List<JoinedPrediction> rows) {
            TreeSet<String> classes = new TreeSet<>();
            for (JoinedPrediction p : rows) {
                if (p.scores() != null) classes.addAll(p.scores().keySet());
                if (p.predicted() != null) classes.add(p.predicted());
                if (p.labelled() && p.actual() != null) classes.add(p.actual());
            }
            if (q.classValue() != null) classes.add(q.classValue());
            for (String c : classes) classIndex.put(c, classIndex.size());
            int k = classes.size();
            int n = rows.size();
            double[][] scores = new double[k][n];
            int[] predicted = new int[n];
            int[] actual = new int[n];
            double[] delay = new double[n];
            for (int i = 0; i < n; i++) {
                JoinedPrediction p = rows.get(i);
                int best = -1;
                for (String c : classes) {
                    int j = classIndex.get(c);
                    Double s = p.scores() == null ? null : p.scores().get(c);
                    scores[j][i] = p.scores() == null ? Double.NaN : s == null ? 0 : s;
                    if (p.scores() != null && (best < 0 || scores[j][i] > scores[best][i])) best = j;
                }
                predicted[i] = p.predicted() != null ? classIndex.get(p.predicted()) : best;
                actual[i] = p.labelled() && p.actual() != null ? classIndex.get(p.actual()) : -1;
                delay[i] = actual[i] < 0 ? Double.NaN : delaySeconds(p);
            }
            classArg = q.classValue() == null ? -1 : classIndex.get(q.classValue());
            return new ClassificationRows(ModelKind.MULTICLASS, k, predicted, actual, scores, delay);
        }

        private static double delaySeconds(JoinedPrediction p) {
            return Duration.between(p.timestamp(), p.outcomeTime()).toMillis() / 1000.0;
        }
    }
}
