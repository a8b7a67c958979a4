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
import io.vigil.store.JoinedPredictions;
import io.vigil.store.Labels;
import io.vigil.store.PredictionQuery;
import io.vigil.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Model-quality operands (predictions.md §3, §4): reads the window's predictions joined as of T,
 * splits them by the {@code by} labels and computes the function per group with
 * {@code stats.quality}. A group whose value is undefined gives no element.
 *
 * <p>The functions of one evaluation often read the same window ({@code accuracy}, {@code auc} and
 * {@code estimated_accuracy} of the last 7 days as of T): a read is reused for the same query (model, range,
 * label matchers and as-of time T) for {@link #REUSE_NANOS} after it finished, so one evaluation reads
 * each window once. A later evaluation at the same T reads again.
 */
public final class QualityOperands {
    /** How long a read serves the same query: the operands of one group evaluation are computed back to back. */
    static final long REUSE_NANOS = 2_000_000_000L;
    /** Reads kept at once (a window and its reference, for a few models evaluated at the same time). */
    private static final int REUSED_READS = 4;

    private final Function<PredictionQuery, JoinedPredictions> store;
    private final Function<String, QualityModel> models;
    private final Map<PredictionQuery, Read> recent = new LinkedHashMap<>();

    /** Softly held: a frame left over from the last evaluation (tens of MB) goes when the heap needs it. */
    private record Read(java.lang.ref.SoftReference<JoinedPredictions> frame, long at) {}

    /**
     * @param store  the as-of join ({@code MetricStore::predictions})
     * @param models a model's kind, positive class and threshold from vigil.yaml
     */
    public QualityOperands(Function<PredictionQuery, JoinedPredictions> store, Function<String, QualityModel> models) {
        this.store = store;
        this.models = models;
    }

    /** The elements of a quality operand of a rule of {@code model} at {@code t}. */
    public List<OperandValue> compute(String model, Operand.Quality q, Instant t) throws OperandException {
        QualityFunction f = QualityFunction.byLanguageName(q.function());
        if (f == null) throw new OperandException("unknown quality function " + q.function());
        QualityModel declared = models.apply(model);
        Instant to = t.minus(q.delay());
        Instant from = to.minus(q.window());
        try {
            JoinedPredictions window = read(new PredictionQuery(model, from, to, t, q.labels()));
            QualityModel settings = declared.kind() != null ? declared : declared.withKind(kindOf(window));
            if (!f.kinds().contains(settings.kind())) {
                throw new OperandException(q.function() + " does not apply to model " + model + ", a "
                        + settings.kind().yamlName() + " model" + (declared.kind() != null
                        ? " (models." + model + ".kind in vigil.yaml)" : " (from its predictions' fields)"));
            }
            DoubleUnaryOperator calibration = null;
            String referenceNote = "";
            if (f.estimated()) {
                if (window.predictions() == 0) return List.of();
                Instant refFrom = from.minus(q.reference());
                JoinedPredictions reference = read(new PredictionQuery(model, refFrom, from, t, q.labels()));
                referenceNote = "; reference prior(" + Durations.format(q.reference()) + ") = (" + refFrom + ", " + from
                        + "]: " + reference.predictions() + " predictions, " + reference.labelled() + " labelled";
                if (!q.calibrate()) {
                    calibration = DoubleUnaryOperator.identity();
                    referenceNote += ", scores taken as probabilities (calibrate=false)";
                } else {
                    IsotonicCalibration iso = QualityMetrics.calibration(
                            new Columns(reference, settings, q).classification(allRows(reference.predictions())));
                    // Nothing labelled to calibrate on yet (a new model, or labels that have not arrived): no
                    // estimate, as a window without pairs gives none (predictions.md §2) — not an evaluation error
                    // that would be logged at every tick until the first outcomes arrive.
                    if (iso == null) return List.of();
                    calibration = iso::apply;
                    referenceNote += ", isotonic calibration on them";
                }
            }
            Columns columns = new Columns(window, settings, q);
            List<OperandValue> out = new ArrayList<>();
            for (Map.Entry<SortedMap<String, String>, int[]> group : groups(window, q.by()).entrySet()) {
                QualityValue v;
                if (settings.kind() == ModelKind.REGRESSION) {
                    v = QualityMetrics.regression(f, columns.regression(group.getValue()), columns.arguments());
                } else {
                    ClassificationRows c = columns.classification(group.getValue());
                    v = f.estimated() ? QualityMetrics.estimate(f, c, calibration)
                            : QualityMetrics.classification(f, c, columns.arguments());
                }
                if (v.value().isEmpty()) continue;
                out.add(new OperandValue(group.getKey(), v.value().getAsDouble(), note(q, from, to, v) + referenceNote));
            }
            return out;
        } catch (StoreException e) {
            throw new OperandException("store: " + e.getMessage());
        }
    }

    /** The store's answer to {@code query}, or the same answer read less than {@link #REUSE_NANOS} ago. */
    private JoinedPredictions read(PredictionQuery query) {
        synchronized (recent) {
            long now = System.nanoTime();
            recent.values().removeIf(r -> now - r.at() > REUSE_NANOS);
            Read r = recent.get(query);
            JoinedPredictions frame = r == null ? null : r.frame().get();
            if (frame != null) return frame;
        }
        JoinedPredictions frame = store.apply(query);
        synchronized (recent) {
            recent.put(query, new Read(new java.lang.ref.SoftReference<>(frame), System.nanoTime()));
            var oldest = recent.keySet().iterator();
            while (recent.size() > REUSED_READS) {
                oldest.next();
                oldest.remove();
            }
        }
        return frame;
    }

    /** An undeclared model's kind, from the fields its predictions carry (binary when there are none). */
    static ModelKind kindOf(JoinedPredictions window) {
        int n = window.predictions();
        if (n > 0 && window.scoreStart()[n] > 0) return ModelKind.MULTICLASS;
        for (int i = 0; i < n; i++) if (!Double.isNaN(window.values()[i])) return ModelKind.REGRESSION;
        return ModelKind.BINARY;
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    /**
     * The rows of each combination of the {@code by} labels' values (absent labels left out of the
     * key). Without {@code by}, one group even when the window is empty, so that {@code predictions}
     * and {@code labelled} say 0.
     */
    static Map<SortedMap<String, String>, int[]> groups(JoinedPredictions window, List<String> by) {
        Map<SortedMap<String, String>, int[]> out = new LinkedHashMap<>();
        if (by.isEmpty()) {
            out.put(new TreeMap<>(), allRows(window.predictions()));
            return out;
        }
        List<Labels> sets = window.labelSets();
        int[] groupOfSet = new int[sets.size()];
        Map<SortedMap<String, String>, Integer> index = new HashMap<>();
        List<SortedMap<String, String>> keys = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            SortedMap<String, String> key = new TreeMap<>();
            for (String l : by) {
                String v = sets.get(s).get(l);
                if (!v.isEmpty()) key.put(l, v);
            }
            Integer g = index.get(key);
            if (g == null) {
                g = keys.size();
                index.put(key, g);
                keys.add(key);
            }
            groupOfSet[s] = g;
        }
        int[] counts = new int[keys.size()];
        int[] labelSet = window.labelSet();
        int n = window.predictions();
        for (int i = 0; i < n; i++) counts[groupOfSet[labelSet[i]]]++;
        int[][] rows = new int[keys.size()][];
        for (int g = 0; g < rows.length; g++) rows[g] = new int[counts[g]];
        int[] fill = new int[keys.size()];
        for (int i = 0; i < n; i++) {
            int g = groupOfSet[labelSet[i]];
            rows[g][fill[g]++] = i;
        }
        for (int g = 0; g < rows.length; g++) out.put(keys.get(g), rows[g]);
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
            if (i == null) {
                s.append(": too few pairs for an interval");
            } else {
                s.append(" of the ").append(number(100 * i.confidence())).append("% interval [")
                        .append(number(i.lower())).append(", ").append(number(i.upper())).append("] around ")
                        .append(number(v.point().orElse(Double.NaN)));
            }
        }
        return s.toString();
    }

    private static String number(double x) {
        String s = String.format(Locale.ROOT, "%.4g", x);
        if (s.contains("e") || !s.contains(".")) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Turns a frame of joined predictions into the column arrays of {@code stats.quality}, a group at a time. */
    private static final class Columns {
        private final JoinedPredictions jp;
        private final QualityModel model;
        private final Operand.Quality q;
        private final boolean[] positive;
        private final int classCount;
        private final int classArg;

        Columns(JoinedPredictions jp, QualityModel model, Operand.Quality q) {
            this.jp = jp;
            this.model = model;
            this.q = q;
            this.positive = jp.positiveCodes(model.positiveClass());
            if (model.kind() == ModelKind.MULTICLASS) {
                int code = q.classValue() == null ? JoinedPredictions.NO_CLASS : jp.classCode(q.classValue());
                // a class no row mentions gets an index of its own: it is never predicted nor actual
                classCount = jp.classes().size() + (q.classValue() != null && code == JoinedPredictions.NO_CLASS ? 1 : 0);
                classArg = q.classValue() == null ? -1 : code == JoinedPredictions.NO_CLASS ? classCount - 1 : code;
            } else {
                classCount = 2;
                classArg = q.classValue() == null || model.positive(q.classValue()) ? 1 : 0;
            }
        }

        QualityArguments arguments() {
            QualityArguments.Side side = q.bound() == null ? null
                    : q.bound().equals("lower") ? QualityArguments.Side.LOWER : QualityArguments.Side.UPPER;
            return new QualityArguments(classArg, side, q.confidence(), q.quantile() == null ? 0.5 : q.quantile());
        }

        private double delay(int r) {
            return jp.joined(r) ? (jp.outcomeTimestamps()[r] - jp.timestamps()[r]) / 1000.0 : Double.NaN;
        }

        RegressionRows regression(int[] rows) {
            int n = rows.length;
            double[] predicted = new double[n];
            double[] actual = new double[n];
            double[] delay = new double[n];
            for (int i = 0; i < n; i++) {
                int r = rows[i];
                predicted[i] = jp.values()[r];
                actual[i] = jp.joined(r) ? jp.actualValues()[r] : Double.NaN;
                delay[i] = Double.isNaN(actual[i]) ? Double.NaN : delay(r);
            }
            return new RegressionRows(predicted, actual, delay);
        }

        ClassificationRows classification(int[] rows) {
            return model.kind() == ModelKind.BINARY ? binary(rows) : multiclass(rows);
        }

        private ClassificationRows binary(int[] rows) {
            int n = rows.length;
            double[] score = new double[n];
            boolean[] predicted = new boolean[n];
            int[] actual = new int[n];
            double[] delay = new double[n];
            double threshold = q.threshold() != null ? q.threshold() : model.threshold();
            for (int i = 0; i < n; i++) {
                int r = rows[i];
                score[i] = jp.scores()[r];
                int code = jp.predicted()[r];
                // threshold= re-derives the class from the score; otherwise the class as sent wins
                if (!Double.isNaN(score[i]) && (q.threshold() != null || code == JoinedPredictions.NO_CLASS)) {
                    predicted[i] = score[i] >= threshold;
                } else {
                    predicted[i] = code != JoinedPredictions.NO_CLASS && positive[code];
                }
                int a = jp.joined(r) ? jp.actual()[r] : JoinedPredictions.NO_CLASS;
                actual[i] = a == JoinedPredictions.NO_CLASS ? -1 : positive[a] ? 1 : 0;
                delay[i] = actual[i] < 0 ? Double.NaN : delay(r);
            }
            return ClassificationRows.binary(score, predicted, actual, delay);
        }

        private ClassificationRows multiclass(int[] rows) {
            int n = rows.length;
            int k = classCount;
            double[][] scores = new double[k][n];
            int[] predicted = new int[n];
            int[] actual = new int[n];
            double[] delay = new double[n];
            int[] start = jp.scoreStart();
            boolean any = false;
            for (int i = 0; i < n; i++) {
                int r = rows[i];
                boolean scored = start[r] < start[r + 1];
                any |= scored;
                for (int c = 0; c < k; c++) scores[c][i] = scored ? 0 : Double.NaN; // a class a row leaves out: 0
                int best = -1;
                for (int e = start[r]; e < start[r + 1]; e++) {
                    int c = jp.scoreClass()[e];
                    scores[c][i] = jp.scoreValue()[e];
                    if (best < 0 || scores[c][i] > scores[best][i] || (scores[c][i] == scores[best][i] && c < best)) best = c;
                }
                int code = jp.predicted()[r];
                predicted[i] = code != JoinedPredictions.NO_CLASS ? code : best;
                int a = jp.joined(r) ? jp.actual()[r] : JoinedPredictions.NO_CLASS;
                actual[i] = a == JoinedPredictions.NO_CLASS ? -1 : a;
                delay[i] = actual[i] < 0 ? Double.NaN : delay(r);
            }
            return new ClassificationRows(ModelKind.MULTICLASS, k, predicted, actual, any ? scores : null, delay);
        }
    }
}
