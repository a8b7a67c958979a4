package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.config.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a test file's {@code predictions:} and {@code outcomes:} lists (docs/rule-tests.md) into
 * {@link TestFile.RecordInput}s: each record's YAML becomes the JSON the HTTP API takes, with {@code at:}
 * in place of {@code timestamp:}. The fields themselves are validated later by the production
 * {@link io.vigil.ingest.PredictionParser}, once the config's model kinds are known.
 */
final class RecordInputReader {
    // Fields whose values are names, never numbers, however they are written (an id 17 is "17").
    private static final Set<String> TEXT = Set.of("model", "id", "class");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TestYaml yaml;

    RecordInputReader(TestYaml yaml) {
        this.yaml = yaml;
    }

    /** The records of {@code key} (predictions or outcomes); an absent key gives none. */
    List<TestFile.RecordInput> records(YamlNode node, String key) {
        List<TestFile.RecordInput> out = new ArrayList<>();
        List<YamlNode> items = yaml.list(node, key);
        if (items == null) return out;
        for (int i = 0; i < items.size(); i++) {
            String path = TestYaml.index(key, i);
            YamlNode item = items.get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                yaml.error(item, path, "expected a record (a mapping with at: and the fields of POST /api/v1/" + key
                        + "), got " + item.kind());
                continue;
            }
            ObjectNode json = JSON.objectNode();
            Duration at = null;
            String model = null;
            boolean ok = true;
            for (YamlNode.Entry e : m.entries()) {
                String field = TestYaml.join(path, e.key());
                switch (e.key()) {
                    case "at" -> {
                        at = yaml.duration(e.value(), field);
                        ok &= at != null;
                    }
                    case "timestamp" -> {
                        yaml.error(e.keyStart(), field, "records in a test give their time as at: (an offset from start,"
                                + " e.g. at: 2h), not timestamp:");
                        ok = false;
                    }
                    default -> {
                        JsonNode v = json(e.key(), e.value());
                        json.set(e.key(), v);
                        if (e.key().equals("model") && v.isTextual()) model = v.asText();
                    }
                }
            }
            if (!m.entries().stream().map(YamlNode.Entry::key).toList().contains("at")) {
                yaml.error(item, path, "missing key 'at' (the record's time as an offset from start, e.g. at: 2h)");
                ok = false;
            }
            if (ok) out.add(new TestFile.RecordInput(at, json, model, path, yaml.span(item)));
        }
        return out;
    }

    /** A YAML value as the JSON a client would send: numbers where YAML reads one, except for names. */
    private static JsonNode json(String field, YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            ObjectNode o = JSON.objectNode();
            for (YamlNode.Entry e : m.entries()) o.set(e.key(), json(field.equals("labels") ? "class" : e.key(), e.value()));
            return o;
        }
        if (node instanceof YamlNode.Sequence s) {
            ArrayNode a = JSON.arrayNode();
            for (YamlNode item : s.items()) a.add(json(field, item));
            return a;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.isNull()) return JSON.nullNode();
        if (s.yamlBoolean() != null) return JSON.booleanNode(s.yamlBoolean());
        if (!TEXT.contains(field) && TestYaml.NUMBER.matcher(s.text()).matches()) {
            return JSON.numberNode(new java.math.BigDecimal(s.text()));
        }
        return JSON.textNode(s.text());
    }
}
