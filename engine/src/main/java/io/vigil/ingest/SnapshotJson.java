package io.vigil.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.stats.FeatureSample;
import io.vigil.store.Batch;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.MetricSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what {@link SnapshotParser} reads: a batch as an array of snapshots (one per model and
 * time), or a baseline body. Used to send files to a running server and by the ingest benchmark.
 */
public final class SnapshotJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Key(String model, Instant at) implements Comparable<Key> {
        @Override public int compareTo(Key o) {
            int c = model.compareTo(o.model);
            return c != 0 ? c : at.compareTo(o.at);
        }
    }

    private SnapshotJson() {}

    /** The batch as a JSON array of snapshots, grouped by model and timestamp. */
    public static byte[] snapshots(Batch batch) {
        Map<Key, List<MetricSample>> metrics = new TreeMap<>();
        Map<Key, List<FeatureSnapshot>> distributions = new TreeMap<>();
        for (MetricSample s : batch.samples()) {
            metrics.computeIfAbsent(new Key(s.series().model(), s.at()), k -> new ArrayList<>()).add(s);
        }
        for (FeatureSnapshot f : batch.distributions()) {
            distributions.computeIfAbsent(new Key(f.model(), f.at()), k -> new ArrayList<>()).add(f);
            metrics.putIfAbsent(new Key(f.model(), f.at()), List.of());
        }
        return write(g -> {
            g.writeStartArray();
            for (Map.Entry<Key, List<MetricSample>> e : metrics.entrySet()) {
                g.writeStartObject();
                g.writeStringField("model", e.getKey().model());
                g.writeNumberField("timestamp", e.getKey().at().toEpochMilli());
                g.writeArrayFieldStart("metrics");
                for (MetricSample s : e.getValue()) metric(g, s);
                g.writeEndArray();
                List<FeatureSnapshot> dists = distributions.getOrDefault(e.getKey(), List.of());
                if (!dists.isEmpty()) {
                    g.writeArrayFieldStart("distributions");
                    for (FeatureSnapshot f : dists) distribution(g, f.feature(), f.labels(), f.sample());
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** The body of {@code POST /api/v1/baselines/{model}/{name}}. */
    public static byte[] baseline(Map<String, FeatureSample> features) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("distributions");
            for (Map.Entry<String, FeatureSample> f : features.entrySet()) distribution(g, f.getKey(), io.vigil.store.Labels.EMPTY, f.getValue());
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void metric(JsonGenerator g, MetricSample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.series().name());
        if (!s.series().labels().isEmpty()) {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> l : s.series().labels().asMap().entrySet()) g.writeStringField(l.getKey(), l.getValue());
            g.writeEndObject();
        }
        if (s.stale()) g.writeBooleanField("stale", true);
        else g.writeNumberField("value", s.value());
        g.writeEndObject();
    }

    private static void distribution(JsonGenerator g, String feature, io.vigil.store.Labels labels, FeatureSample sample)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("feature", feature);
        if (!labels.isEmpty()) {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> l : labels.asMap().entrySet()) g.writeStringField(l.getKey(), l.getValue());
            g.writeEndObject();
        }
        if (sample instanceof FeatureSample.Numeric n) {
            g.writeFieldName("values");
            g.writeArray(n.values(), 0, n.values().length);
        } else if (sample instanceof FeatureSample.Histogram h) {
            g.writeObjectFieldStart("histogram");
            g.writeFieldName("edges");
            g.writeArray(h.edges(), 0, h.edges().length);
            g.writeFieldName("counts");
            g.writeArray(h.counts(), 0, h.counts().length);
            g.writeEndObject();
        } else {
            g.writeObjectFieldStart("categories");
            for (Map.Entry<String, Long> c : ((FeatureSample.Categorical) sample).counts().entrySet()) {
                g.writeNumberField(c.getKey(), c.getValue());
            }
            g.writeEndObject();
        }
        g.writeNumberField("nulls", sample.nulls());
        g.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toByteArray();
    }
}
