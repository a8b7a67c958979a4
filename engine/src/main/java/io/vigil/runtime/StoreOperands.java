package io.vigil.runtime;

import io.vigil.check.StatisticRegistry;
import io.vigil.config.Config;
import io.vigil.plan.FeatureSelector;
import io.vigil.plan.Operand;
import io.vigil.plan.SeriesSelector;
import io.vigil.stats.DriftCalculator;
import io.vigil.stats.DriftReport;
import io.vigil.stats.FeatureSample;
import io.vigil.stats.StatValue;
import io.vigil.stats.Statistic;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.MetricStore;
import io.vigil.store.Selector;
import io.vigil.store.SeriesValue;
import io.vigil.store.StoreException;
import io.vigil.store.WindowFunction;
import io.vigil.store.WindowQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Operands from the metric store: window functions as store queries, distribution functions as
 * statistics ({@code io.vigil.stats}) of the current window against a named baseline or a prior window,
 * model-quality functions through {@link QualityOperands}.
 */
public final class StoreOperands implements OperandSource {
    private final MetricStore store;
    private final QualityOperands quality;

    /** Operands of a store whose models are not in a vigil.yaml: the quality functions take the defaults. */
    public StoreOperands(MetricStore store) {
        this(store, (Config) null);
    }

    /** Operands with each model's kind, positive class and threshold from {@code config} (may be null). */
    public StoreOperands(MetricStore store, Config config) {
        this(store, new QualityOperands(store::predictions, m -> QualityModel.of(config, m)));
    }

    /** @param quality computes the model-quality operands */
    public StoreOperands(MetricStore store, QualityOperands quality) {
        this.store = store;
        this.quality = quality;
    }

    @Override
    public OperandSource forRange(Instant from, Instant to) {
        return new RangeOperands(store, this, from, to);
    }

    @Override
    public List<OperandValue> compute(String model, Operand operand, Instant t) throws OperandException {
        try {
            if (operand instanceof Operand.Latest || operand instanceof Operand.Window) {
                return values(store.query(windowQuery(operand, t)));
            }
            if (operand instanceof Operand.Quality q) return quality.compute(model, q, t);
            return distribution(model, (Operand.Distribution) operand, t);
        } catch (StoreException e) {
            throw new OperandException("store: " + e.getMessage());
        }
    }

    /** The store query of a bare selector or a window function at t. */
    static WindowQuery windowQuery(Operand operand, Instant t) {
        if (operand instanceof Operand.Latest l) return WindowQuery.last(selector(l.selector()), t, l.staleness());
        Operand.Window w = (Operand.Window) operand;
        WindowFunction fn = WindowFunction.valueOf(w.function().toUpperCase(Locale.ROOT));
        Selector s = selector(w.selector());
        return fn == WindowFunction.QUANTILE
                ? WindowQuery.quantile(w.quantile(), s, t, w.range(), w.staleness())
                : fn == WindowFunction.LAST ? WindowQuery.last(s, t, w.staleness())
                : WindowQuery.of(fn, s, t, w.range(), w.staleness());
    }

    static List<OperandValue> values(List<SeriesValue> result) {
        List<OperandValue> out = new ArrayList<>(result.size());
        for (SeriesValue v : result) out.add(new OperandValue(v.labels().asMap(), v.value(), ""));
        return out;
    }

    static Selector selector(SeriesSelector s) {
        return new Selector(s.model(), s.metric(), s.matchers());
    }

    private List<OperandValue> distribution(String model, Operand.Distribution d, Instant t) throws OperandException {
        Statistic stat = Statistic.byLanguageName(d.function());
        if (stat == null) throw new OperandException("unknown statistic " + d.function());
        FeatureSelector features = d.features();
        Map<Group, FeatureSample> current = merged(store.distributions(model, features.single(), t.minus(d.window()), t), d.by());
        current.keySet().removeIf(g -> !features.selects(g.feature()));
        Map<Group, FeatureSample> prior = null;
        Map<String, FeatureSample> named = null;
        if (StatisticRegistry.lookup(d.function()).needsBaseline()) {
            if (d.baseline() == null) {
                throw new OperandException(d.function() + " needs a baseline and the rule set names none");
            }
            if (d.baseline().name() != null) {
                named = store.baseline(model, d.baseline().name());
                if (named.isEmpty()) {
                    throw new OperandException("no baseline '" + d.baseline().name() + "' stored for model " + model
                            + " (store one with `vigil baseline` or POST /api/v1/baselines/" + model + "/"
                            + d.baseline().name() + ")");
                }
            } else {
                Instant end = t.minus(d.window());
                prior = merged(store.distributions(model, features.single(), end.minus(d.baseline().prior()), end), d.by());
            }
        }
        List<OperandValue> out = new ArrayList<>();
        for (Map.Entry<Group, FeatureSample> e : current.entrySet()) {
            String feature = e.getKey().feature();
            FeatureSample cur = e.getValue();
            if (cur.rows() == 0) continue;
            // A named baseline has no labels: each group is compared with the whole baseline of its feature.
            // A prior window is grouped like the current one: each group with its own past.
            FeatureSample ref = named != null ? named.get(feature) : prior != null ? prior.get(e.getKey()) : cur;
            if (ref == null || ref.rows() == 0) {
                if (features.byName() && named != null) {
                    throw new OperandException("baseline '" + d.baseline().name() + "' of model " + model
                            + " has no feature '" + feature + "'");
                }
                continue; // prior window without data for this feature (or group): no data is never a breach
            }
            String element = "feature=\"" + feature + "\"" + (d.by().isEmpty() ? "" : " " + e.getKey().labels());
            DriftReport report;
            try {
                report = DriftCalculator.compare(ref, cur);
            } catch (IllegalArgumentException ex) {
                throw new OperandException(d.function() + "(" + element + "): " + ex.getMessage());
            }
            StatValue v = report.get(stat);
            if (v instanceof StatValue.Unavailable u) {
                throw new OperandException(d.function() + "(" + element + "): " + u.reason());
            }
            if (!(v instanceof StatValue.Value value)) continue; // not defined for this feature's type
            SortedMap<String, String> labels = new TreeMap<>(e.getKey().labels());
            labels.put("feature", feature);
            out.add(new OperandValue(labels, value.value(), note(stat, report)));
        }
        return out;
    }

    /** A feature's distributions of one combination of the {@code by} labels' values (none without {@code by}). */
    record Group(String feature, SortedMap<String, String> labels) {}

    private static final java.util.Comparator<Group> GROUP_ORDER =
            java.util.Comparator.comparing(Group::feature).thenComparing(g -> g.labels().toString());

    private static String note(Statistic stat, DriftReport report) {
        StringBuilder note = new StringBuilder();
        if ((stat == Statistic.DRIFT || stat == Statistic.DRIFT_DETECTED) && report.method() != null) {
            note.append("method ").append(report.method().label());
        }
        note.append(note.isEmpty() ? "" : "; ").append("n_ref ").append(report.referenceRows())
                .append(", n_cur ").append(report.currentRows());
        for (String w : report.warnings()) note.append("; ").append(w);
        return note.toString();
    }

    /**
     * Pools the snapshots of each feature in a window into one sample, per combination of the {@code by}
     * labels' values (a label a snapshot lacks is left out, as for quality functions' groups).
     */
    static Map<Group, FeatureSample> merged(List<FeatureSnapshot> snapshots, List<String> by) throws OperandException {
        Map<Group, List<FeatureSample>> byGroup = new TreeMap<>(GROUP_ORDER);
        for (FeatureSnapshot s : snapshots) {
            SortedMap<String, String> key = new TreeMap<>();
            for (String l : by) {
                String v = s.labels().get(l);
                if (!v.isEmpty()) key.put(l, v);
            }
            byGroup.computeIfAbsent(new Group(s.feature(), key), k -> new ArrayList<>()).add(s.sample());
        }
        Map<Group, FeatureSample> out = new TreeMap<>(GROUP_ORDER);
        for (var e : byGroup.entrySet()) out.put(e.getKey(), SamplePool.pool(e.getKey().feature(), e.getValue()));
        return out;
    }
}
