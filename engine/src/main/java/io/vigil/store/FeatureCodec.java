package io.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.stats.FeatureSample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link FeatureSample} into the (kind, payload) columns of the distributions and baselines
 * tables and back: raw values as little-endian float64 (exact, and 8 bytes a value), histograms and
 * category counts as small JSON documents that stay readable in a SQL console.
 */
final class FeatureCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String RAW = "raw";
    static final String HISTOGRAM = "histogram";
    static final String CATEGORIES = "categories";

    private FeatureCodec() {}

    static String kind(FeatureSample sample) {
        if (sample instanceof FeatureSample.Numeric) return RAW;
        if (sample instanceof FeatureSample.Histogram) return HISTOGRAM;
        return CATEGORIES;
    }

    static byte[] encode(FeatureSample sample) {
        if (sample instanceof FeatureSample.Numeric n) {
            ByteBuffer buf = ByteBuffer.allocate(n.values().length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(n.values());
            return buf.array();
        }
        ObjectNode o = JSON.createObjectNode();
        if (sample instanceof FeatureSample.Histogram h) {
            var edges = o.putArray("edges");
            for (double e : h.edges()) edges.add(e);
            var counts = o.putArray("counts");
            for (long c : h.counts()) counts.add(c);
        } else {
            ((FeatureSample.Categorical) sample).counts().forEach(o::put);
        }
        return write(o);
    }

    static FeatureSample decode(String kind, byte[] payload, long nulls) {
        try {
            switch (kind) {
                case RAW -> {
                    double[] values = new double[payload.length / Double.BYTES];
                    ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
                    return new FeatureSample.Numeric(values, nulls);
                }
                case HISTOGRAM -> {
                    JsonNode o = JSON.readTree(payload);
                    JsonNode e = o.get("edges");
                    JsonNode c = o.get("counts");
                    double[] edges = new double[e.size()];
                    for (int i = 0; i < edges.length; i++) edges[i] = e.get(i).doubleValue();
                    long[] counts = new long[c.size()];
                    for (int i = 0; i < counts.length; i++) counts[i] = c.get(i).longValue();
                    return new FeatureSample.Histogram(edges, counts, nulls);
                }
                case CATEGORIES -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    JSON.readTree(payload).properties().forEach(f -> counts.put(f.getKey(), f.getValue().longValue()));
                    return new FeatureSample.Categorical(counts, nulls);
                }
                default -> throw new StoreException("stored distribution has unknown kind '" + kind + "'");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException se) throw se;
            throw new StoreException("stored " + kind + " distribution cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of an in-memory tree", e);
        }
    }
}
