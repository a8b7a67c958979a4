package io.vigil.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.store.Batch;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses and validates snapshots (interfaces.md, "Snapshot format"): one snapshot object or an array
 * of them. Everything is checked before anything is returned, so a document is accepted or rejected
 * whole; a rejection names the offending field, e.g. {@code [2].metrics[0].value: NaN is not a finite number}.
 */
public final class SnapshotParser {
    private static final List<String> SNAPSHOT_FIELDS = List.of("model", "timestamp", "labels", "metrics", "distributions");
    private static final List<String> METRIC_FIELDS = List.of("name", "labels", "value", "stale");
    static final int MAX_LABELS_TEXT = 4000;

    // NaN and Infinity are read as numbers so they can be rejected with their field path, not as a
    // syntax error at a column; duplicate keys are errors (and readTree rejects trailing content).
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The outcome of parsing one document. */
    public sealed interface Result permits Parsed, Rejected {}

    /** Every snapshot was valid; {@code batch} holds all their samples and distributions. */
    public record Parsed(Batch batch, int snapshots) implements Result {}

    /** The document was rejected; nothing of it may be stored. */
    public record Rejected(InputError error) implements Result {}

    private SnapshotParser() {}

    /**
     * Parses a snapshot or an array of snapshots.
     *
     * @param defaultModel the model of snapshots that name none (e.g. {@code vigil ingest --model}); null: required
     */
    public static Result parse(byte[] json, String defaultModel) {
        try {
            JsonNode root = readTree(json);
            List<MetricSample> samples = new ArrayList<>();
            List<FeatureSnapshot> distributions = new ArrayList<>();
            Map<List<Object>, String> distributionPaths = new HashMap<>();
            int snapshots = 0;
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    snapshot(root.get(i), FieldPaths.index("", i), defaultModel, samples, distributions, distributionPaths);
                    snapshots++;
                }
            } else {
                snapshot(root, "", defaultModel, samples, distributions, distributionPaths);
                snapshots = 1;
            }
            return new Parsed(new Batch(samples, distributions), snapshots);
        } catch (InvalidInputException e) {
            return new Rejected(e.error);
        }
    }

    /** Reads a JSON document; a syntax error names its line, column and (where known) the field it was in. */
    static JsonNode readTree(byte[] json) throws InvalidInputException {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(json)) {
            root = JSON.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                var at = parser.currentTokenLocation();
                throw new InvalidInputException("", "malformed JSON at line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + ": unexpected content after the end of the document");
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw new InvalidInputException("", "cannot read the body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("", "the body is empty; expected a snapshot object or an array of snapshots");
        }
        return root;
    }

    private static InvalidInputException syntaxError(JsonProcessingException e) {
        String path = "";
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            path = FieldPaths.fromPointer(p.getParsingContext().pathAsPointer().toString());
        }
        String message = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\(start marker at .*", "");
        var at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidInputException(path, "malformed JSON" + where + ": " + message);
    }

    /**
     * @param distributionPaths where each (model, time, feature, labels) of the body was first given: a
     *                          second one is refused, since storing it would silently replace the first
     */
    private static void snapshot(JsonNode node, String path, String defaultModel, List<MetricSample> samples,
                                 List<FeatureSnapshot> distributions, Map<List<Object>, String> distributionPaths)
            throws InvalidInputException {
        ObjectFields s = ObjectFields.of(node, path, "a snapshot");
        s.rejectUnknown(SNAPSHOT_FIELDS);
        String model = s.has("model") || defaultModel == null ? s.requiredString("model") : defaultModel;
        Names.identifier(model, s.path("model"), "model");
        Instant at = timestamp(s);
        Map<String, String> common = labels(s);
        metrics(s, model, at, common, samples);
        for (DistributionParser.Entry d : DistributionParser.parseAll(s, true)) {
            Labels labels = Labels.of(mergedLabels(common, d.labels(), FieldPaths.field(d.path(), "labels")));
            if (labels.text().length() > MAX_LABELS_TEXT) {
                throw new InvalidInputException(FieldPaths.field(d.path(), "labels"), "the label set takes "
                        + labels.text().length() + " characters; at most " + MAX_LABELS_TEXT + " are allowed");
            }
            String first = distributionPaths.putIfAbsent(List.of(model, at, d.feature(), labels), d.path());
            if (first != null) {
                throw new InvalidInputException(FieldPaths.field(d.path(), "feature"), Names.quote(d.feature())
                        + " with the same model, timestamp and labels is already at " + first
                        + "; send one distribution per feature and label set (or give them different labels)");
            }
            distributions.add(new FeatureSnapshot(model, d.feature(), at, d.sample(), labels));
        }
    }

    static Instant timestamp(ObjectFields s) throws InvalidInputException {
        JsonNode t = s.get("timestamp");
        String path = s.path("timestamp");
        if (t == null) {
            throw new InvalidInputException(path, "required field is missing; give ISO-8601 with a zone or epoch milliseconds");
        }
        if (t.isTextual()) return Timestamps.parseText(t.textValue(), path);
        if (t.isIntegralNumber() && t.canConvertToLong()) return Timestamps.millis(t.longValue(), path);
        throw new InvalidInputException(path, "expected ISO-8601 text with a zone or whole epoch milliseconds, found "
                + ObjectFields.describe(t));
    }

    static Map<String, String> labels(ObjectFields o) throws InvalidInputException {
        Map<String, String> labels = o.stringMap("labels");
        for (String name : labels.keySet()) Names.label(name, FieldPaths.field(o.path("labels"), name));
        return labels;
    }

    private static void metrics(ObjectFields s, String model, Instant at, Map<String, String> common,
                                List<MetricSample> out) throws InvalidInputException {
        JsonNode array = s.get("metrics");
        if (array == null) return;
        String path = s.path("metrics");
        if (!array.isArray()) throw new InvalidInputException(path, "expected an array, found " + ObjectFields.describe(array));
        Map<SeriesKey, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String p = FieldPaths.index(path, i);
            ObjectFields m = ObjectFields.of(array.get(i), p, "a metric");
            m.rejectUnknown(METRIC_FIELDS);
            String name = Names.identifier(m.requiredString("name"), m.path("name"), "metric name");
            Labels set = Labels.of(mergedLabels(common, labels(m), m.path("labels")));
            if (set.text().length() > MAX_LABELS_TEXT) {
                throw new InvalidInputException(m.path("labels"), "the label set takes " + set.text().length()
                        + " characters; at most " + MAX_LABELS_TEXT + " are allowed");
            }
            SeriesKey key = new SeriesKey(model, name, set);
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                throw new InvalidInputException(p, "same name and labels as " + FieldPaths.index(path, first)
                        + "; give each series once per snapshot");
            }
            out.add(sample(m, key, at));
        }
    }

    /** The snapshot's labels plus an entry's own; an entry may repeat a snapshot label but not contradict it. */
    private static Map<String, String> mergedLabels(Map<String, String> common, Map<String, String> own, String path)
            throws InvalidInputException {
        Map<String, String> labels = new TreeMap<>(common);
        for (Map.Entry<String, String> e : own.entrySet()) {
            String previous = labels.put(e.getKey(), e.getValue());
            if (previous != null && !previous.equals(e.getValue())) {
                throw new InvalidInputException(FieldPaths.field(path, e.getKey()), Names.quote(e.getValue())
                        + " contradicts the snapshot label " + e.getKey() + "=" + Names.quote(previous));
            }
        }
        return labels;
    }

    private static MetricSample sample(ObjectFields m, SeriesKey key, Instant at) throws InvalidInputException {
        JsonNode stale = m.get("stale");
        if (stale != null && !stale.isBoolean()) {
            throw new InvalidInputException(m.path("stale"), "expected true or false, found " + ObjectFields.describe(stale));
        }
        if (stale != null && stale.booleanValue()) {
            if (m.has("value")) {
                throw new InvalidInputException(m.path("value"), "a stale marker (\"stale\": true) has no value");
            }
            return MetricSample.staleMarker(key, at);
        }
        if (!m.has("value")) throw new InvalidInputException(m.path("value"), "required field is missing (a finite number)");
        return MetricSample.of(key, at, ObjectFields.finite(m.get("value"), m.path("value")));
    }
}
