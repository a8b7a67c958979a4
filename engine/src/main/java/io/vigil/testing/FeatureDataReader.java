package io.vigil.testing;

import io.vigil.config.YamlNode;
import io.vigil.stats.FeatureSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the feature data of a test file: {@code baselines:} (named reference profiles) and
 * {@code distributions:} (a feature's data ingested at one time or at every step of a range). A sample
 * is raw {@code values} (a list, or series notation where {@code _} is a null), {@code categories}
 * counts, or a {@code histogram}, with optional {@code nulls}, as in a snapshot (interfaces.md).
 */
final class FeatureDataReader {
    private static final List<String> SAMPLE = List.of("values", "categories", "histogram", "nulls");
    private static final List<String> BASELINE = List.of("name", "model", "features");
    private static final List<String> DISTRIBUTION = List.of("feature", "model", "at", "every", "from", "until",
            "values", "categories", "histogram", "nulls");
    private static final List<String> HISTOGRAM = List.of("edges", "counts");
    private static final int MAX_SNAPSHOTS = 100_000;

    private final TestYaml yaml;

    FeatureDataReader(TestYaml yaml) {
        this.yaml = yaml;
    }

    List<TestFile.BaselineInput> baselines(YamlNode node) {
        List<TestFile.BaselineInput> out = new ArrayList<>();
        List<YamlNode> items = yaml.list(node, "baselines");
        if (items == null) return out;
        for (int i = 0; i < items.size(); i++) {
            String p = TestYaml.index("baselines", i);
            Map<String, YamlNode> m = yaml.mapping(items.get(i), p, BASELINE, List.of("name", "features"),
                    "a baseline with name and features");
            if (m == null) continue;
            String name = yaml.string(m.get("name"), TestYaml.join(p, "name"));
            String model = m.containsKey("model") ? yaml.identifier(m.get("model"), TestYaml.join(p, "model")) : null;
            Map<String, FeatureSample> features = new LinkedHashMap<>();
            YamlNode f = m.get("features");
            if (f instanceof YamlNode.Mapping fm) {
                for (YamlNode.Entry e : fm.entries()) {
                    String fp = TestYaml.join(TestYaml.join(p, "features"), e.key());
                    Map<String, YamlNode> s = yaml.mapping(e.value(), fp, SAMPLE, List.of(), "a feature's values, categories or histogram");
                    FeatureSample sample = s == null ? null : sample(s, e.value(), fp);
                    if (sample != null && features.put(e.key(), sample) != null) yaml.error(e.keyStart(), fp, "duplicate feature");
                }
            } else if (f != null) {
                yaml.error(f, TestYaml.join(p, "features"), "expected a mapping of feature names to samples, got " + f.kind());
            }
            if (name != null && m.containsKey("features")) {
                out.add(new TestFile.BaselineInput(model, name, features, yaml.span(items.get(i))));
            }
        }
        return out;
    }

    /** @param end the last test's time, where an {@code every} range ends unless {@code until} says otherwise */
    List<TestFile.DistributionInput> distributions(YamlNode node, Duration end) {
        List<TestFile.DistributionInput> out = new ArrayList<>();
        List<YamlNode> items = yaml.list(node, "distributions");
        if (items == null) return out;
        for (int i = 0; i < items.size(); i++) {
            String p = TestYaml.index("distributions", i);
            Map<String, YamlNode> m = yaml.mapping(items.get(i), p, DISTRIBUTION, List.of("feature"),
                    "a distribution with feature, at (or every) and values, categories or histogram");
            if (m == null) continue;
            String feature = yaml.string(m.get("feature"), TestYaml.join(p, "feature"));
            String model = m.containsKey("model") ? yaml.identifier(m.get("model"), TestYaml.join(p, "model")) : null;
            List<Duration> offsets = offsets(m, items.get(i), p, end);
            FeatureSample sample = sample(m, items.get(i), p);
            if (feature != null && offsets != null && sample != null) {
                out.add(new TestFile.DistributionInput(model, feature, offsets, sample, yaml.span(items.get(i))));
            }
        }
        return out;
    }

    /** {@code at: 30m}, or {@code every: 1h} with optional {@code from} (default 0) and {@code until} (default: the last test). */
    private List<Duration> offsets(Map<String, YamlNode> m, YamlNode node, String p, Duration end) {
        boolean at = m.containsKey("at");
        boolean every = m.containsKey("every");
        if (at == every) {
            yaml.error(node, p, at ? "give at or every, not both" : "missing key 'at' (one time) or 'every' (a range)");
            return null;
        }
        if (at) {
            if (m.containsKey("from") || m.containsKey("until")) {
                yaml.error(m.containsKey("from") ? m.get("from") : m.get("until"), p, "from and until go with every, not at");
                return null;
            }
            Duration d = yaml.duration(m.get("at"), TestYaml.join(p, "at"));
            return d == null ? null : List.of(d);
        }
        Duration step = yaml.duration(m.get("every"), TestYaml.join(p, "every"));
        Duration from = m.containsKey("from") ? yaml.duration(m.get("from"), TestYaml.join(p, "from")) : Duration.ZERO;
        Duration until = m.containsKey("until") ? yaml.duration(m.get("until"), TestYaml.join(p, "until")) : end;
        if (step == null || from == null || until == null) return null;
        if (step.isZero()) {
            yaml.error(m.get("every"), TestYaml.join(p, "every"), "must be greater than 0");
            return null;
        }
        if (until.compareTo(from) < 0) {
            yaml.error(m.containsKey("until") ? m.get("until") : node, TestYaml.join(p, "until"),
                    "ends before from (" + io.vigil.check.Durations.format(from) + ")");
            return null;
        }
        if (until.minus(from).dividedBy(step) >= MAX_SNAPSHOTS) {
            yaml.error(m.get("every"), TestYaml.join(p, "every"), "more than " + MAX_SNAPSHOTS + " snapshots");
            return null;
        }
        List<Duration> out = new ArrayList<>();
        for (Duration d = from; d.compareTo(until) <= 0; d = d.plus(step)) out.add(d);
        return out;
    }

    /** Exactly one of values, categories or histogram, plus optional nulls. */
    private FeatureSample sample(Map<String, YamlNode> m, YamlNode node, String p) {
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("values", "categories", "histogram")) if (m.containsKey(k)) kinds.add(k);
        if (kinds.size() != 1) {
            yaml.error(node, p, kinds.isEmpty() ? "needs one of values, categories or histogram"
                    : "has both " + kinds.get(0) + " and " + kinds.get(1) + "; give one");
            return null;
        }
        Long nulls = m.containsKey("nulls") ? yaml.count(m.get("nulls"), TestYaml.join(p, "nulls")) : Long.valueOf(0);
        if (nulls == null) return null;
        String kind = kinds.get(0);
        String kp = TestYaml.join(p, kind);
        return switch (kind) {
            case "values" -> numeric(m.get(kind), kp, nulls);
            case "categories" -> categorical(m.get(kind), kp, nulls);
            default -> histogram(m.get(kind), kp, nulls);
        };
    }

    private FeatureSample numeric(YamlNode node, String p, long nulls) {
        List<Double> values = new ArrayList<>();
        long extraNulls = 0;
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            try {
                for (SeriesNotation.Step step : SeriesNotation.parse(s.text())) {
                    if (step instanceof SeriesNotation.Step.Value v && Double.isFinite(v.value())) values.add(v.value());
                    else if (step instanceof SeriesNotation.Step.Missing) extraNulls++;
                    else {
                        yaml.error(s, p, "values must be finite numbers or _ (a null); stale, NaN and Inf are not values");
                        return null;
                    }
                }
            } catch (SeriesNotation.NotationException e) {
                yaml.error(yaml.offsetIn(s, e.column - 1), p, e.getMessage().replaceFirst("^column \\d+: ", ""));
                return null;
            }
        } else {
            List<YamlNode> items = yaml.list(node, p);
            if (items == null) return null;
            for (int i = 0; i < items.size(); i++) {
                if (TestYaml.isNull(items.get(i))) {
                    extraNulls++;
                } else {
                    Double v = yaml.number(items.get(i), TestYaml.index(p, i));
                    if (v == null) return null;
                    values.add(v);
                }
            }
        }
        return new FeatureSample.Numeric(values.stream().mapToDouble(Double::doubleValue).toArray(), nulls + extraNulls);
    }

    private FeatureSample categorical(YamlNode node, String p, long nulls) {
        if (!(node instanceof YamlNode.Mapping m)) {
            yaml.error(node, p, "expected a mapping of categories to counts, got " + node.kind());
            return null;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries()) {
            Long c = yaml.count(e.value(), TestYaml.join(p, e.key()));
            if (c == null) return null;
            if (counts.put(e.key(), c) != null) {
                yaml.error(e.keyStart(), TestYaml.join(p, e.key()), "duplicate category");
                return null;
            }
        }
        return new FeatureSample.Categorical(counts, nulls);
    }

    private FeatureSample histogram(YamlNode node, String p, long nulls) {
        Map<String, YamlNode> m = yaml.mapping(node, p, HISTOGRAM, HISTOGRAM, "a histogram with edges and counts");
        if (m == null || !m.containsKey("edges") || !m.containsKey("counts")) return null;
        List<YamlNode> edges = yaml.list(m.get("edges"), TestYaml.join(p, "edges"));
        List<YamlNode> counts = yaml.list(m.get("counts"), TestYaml.join(p, "counts"));
        if (edges == null || counts == null) return null;
        double[] e = new double[edges.size()];
        long[] c = new long[counts.size()];
        for (int i = 0; i < e.length; i++) {
            Double v = yaml.number(edges.get(i), TestYaml.index(TestYaml.join(p, "edges"), i));
            if (v == null) return null;
            e[i] = v;
        }
        for (int i = 0; i < c.length; i++) {
            Long v = yaml.count(counts.get(i), TestYaml.index(TestYaml.join(p, "counts"), i));
            if (v == null) return null;
            c[i] = v;
        }
        try {
            return new FeatureSample.Histogram(e, c, nulls);
        } catch (IllegalArgumentException ex) {
            yaml.error(node, p, ex.getMessage());
            return null;
        }
    }
}
