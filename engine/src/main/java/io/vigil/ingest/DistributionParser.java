package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.stats.FeatureSample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One {@code distributions} entry of a snapshot or baseline (interfaces.md): a feature with exactly
 * one of raw {@code values} (nulls allowed), a {@code histogram} or {@code categories} counts, and an
 * optional {@code nulls} count.
 */
final class DistributionParser {
    private static final List<String> FIELDS = List.of("feature", "values", "histogram", "categories", "nulls");
    private static final List<String> SNAPSHOT_FIELDS = List.of("feature", "labels", "values", "histogram", "categories", "nulls");
    private static final List<String> HISTOGRAM_FIELDS = List.of("edges", "counts");
    private static final List<String> KINDS = List.of("values", "histogram", "categories");

    /** A parsed entry; {@code labels} are its own (a snapshot's entries may have some), empty for a baseline's. */
    record Entry(String feature, Map<String, String> labels, FeatureSample sample, String path) {}

    private DistributionParser() {}

    /**
     * Parses the {@code distributions} array of {@code parent}; a feature may appear once per label set.
     *
     * @param withLabels whether entries may carry {@code labels} (snapshots; baselines have none)
     */
    static List<Entry> parseAll(ObjectFields parent, boolean withLabels) throws InvalidInputException {
        JsonNode array = parent.get("distributions");
        if (array == null) return List.of();
        String path = parent.path("distributions");
        if (!array.isArray()) throw new InvalidInputException(path, "expected an array, found " + ObjectFields.describe(array));
        Entry[] out = new Entry[array.size()];
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            String p = FieldPaths.index(path, i);
            out[i] = parse(ObjectFields.of(array.get(i), p, "a distribution"), withLabels);
            Integer first = seen.putIfAbsent(List.of(out[i].feature(), out[i].labels()), i);
            if (first != null) {
                throw new InvalidInputException(FieldPaths.field(p, "feature"), Names.quote(out[i].feature())
                        + " already appears at " + FieldPaths.index(path, first) + (withLabels ? " with the same labels" : "")
                        + "; give each feature once" + (withLabels ? " per label set" : ""));
            }
        }
        return List.of(out);
    }

    static Entry parse(ObjectFields d, boolean withLabels) throws InvalidInputException {
        d.rejectUnknown(withLabels ? SNAPSHOT_FIELDS : FIELDS);
        Map<String, String> labels = withLabels ? SnapshotParser.labels(d) : Map.of();
        String feature = Names.feature(d.requiredString("feature"), d.path("feature"));
        String kind = null;
        for (String k : KINDS) {
            if (!d.has(k)) continue;
            if (kind != null) {
                throw new InvalidInputException(d.path(k), "a distribution has one of values, histogram or categories;"
                        + " this one also has " + kind);
            }
            kind = k;
        }
        if (kind == null) throw new InvalidInputException(d.path(), "needs one of values, histogram or categories");
        long nulls = d.has("nulls") ? ObjectFields.count(d.get("nulls"), d.path("nulls")) : 0;
        FeatureSample sample = switch (kind) {
            case "values" -> values(d.get("values"), d.path("values"), nulls);
            case "histogram" -> histogram(ObjectFields.of(d.get("histogram"), d.path("histogram"), "a histogram"), nulls);
            default -> categories(d.get("categories"), d.path("categories"), nulls);
        };
        return new Entry(feature, labels, sample, d.path());
    }

    private static FeatureSample values(JsonNode v, String path, long nulls) throws InvalidInputException {
        if (!v.isArray()) throw new InvalidInputException(path, "expected an array of numbers, found " + ObjectFields.describe(v));
        double[] values = new double[v.size()];
        int n = 0;
        for (int i = 0; i < v.size(); i++) {
            JsonNode x = v.get(i);
            if (x.isNull()) nulls++;
            else values[n++] = ObjectFields.finite(x, FieldPaths.index(path, i));
        }
        return new FeatureSample.Numeric(n == values.length ? values : Arrays.copyOf(values, n), nulls);
    }

    private static FeatureSample histogram(ObjectFields h, long nulls) throws InvalidInputException {
        h.rejectUnknown(HISTOGRAM_FIELDS);
        JsonNode e = h.get("edges");
        JsonNode c = h.get("counts");
        if (e == null || !e.isArray()) {
            throw new InvalidInputException(h.path("edges"), "expected an array of numbers, found " + ObjectFields.describe(e));
        }
        if (c == null || !c.isArray()) {
            throw new InvalidInputException(h.path("counts"), "expected an array of counts, found " + ObjectFields.describe(c));
        }
        double[] edges = new double[e.size()];
        for (int i = 0; i < edges.length; i++) {
            String p = FieldPaths.index(h.path("edges"), i);
            edges[i] = ObjectFields.finite(e.get(i), p);
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new InvalidInputException(p, edges[i] + " is not above the previous edge " + edges[i - 1]
                        + "; edges must increase");
            }
        }
        long[] counts = new long[c.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = ObjectFields.count(c.get(i), FieldPaths.index(h.path("counts"), i));
        if (edges.length < 2 || edges.length != counts.length + 1) {
            throw new InvalidInputException(h.path(), edges.length + " edges and " + counts.length
                    + " counts; a histogram needs at least 2 edges and one count fewer than edges");
        }
        return new FeatureSample.Histogram(edges, counts, nulls);
    }

    private static FeatureSample categories(JsonNode v, String path, long nulls) throws InvalidInputException {
        if (!v.isObject()) {
            throw new InvalidInputException(path, "expected an object of category counts, found " + ObjectFields.describe(v));
        }
        Map<String, Long> counts = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            counts.put(c.getKey(), ObjectFields.count(c.getValue(), FieldPaths.field(path, c.getKey())));
        }
        return new FeatureSample.Categorical(counts, nulls);
    }
}
