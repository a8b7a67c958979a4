package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.config.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a test file's {@code predictions:} and {@code outcomes:} (docs/rule-tests.md): a list becomes
 * {@link TestFile.RecordInput}s, each record's YAML the JSON the HTTP API takes, with {@code at:} in place of
 * {@code timestamp:}; a path becomes a {@link TestFile.RecordFile} in the ingest format. The fields themselves
 * are validated later by the production parser, once the config's model kinds are known.
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
        if (isPath(node)) return out;
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

    /**
     * {@code key} given as a path to a {@code .jsonl} or {@code .csv} file, resolved against the test file's
     * directory (and shown that way in messages); null when it is a list, absent, or a path with a problem
     * (reported).
     */
    TestFile.RecordFile file(YamlNode node, String key, Path testFile) {
        if (!isPath(node)) return null;
        String text = ((YamlNode.Scalar) node).text();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".csv"))) {
            yaml.error(node, key, "expected a list of records or the path of a .jsonl or .csv file of " + key
                    + " in the format of vigil ingest --" + key + ", got '" + text + "'");
            return null;
        }
        Path dir = testFile.getParent();
        Path file = (dir == null ? Path.of(text) : dir.resolve(text)).normalize();
        if (!Files.isRegularFile(file)) {
            yaml.error(node, key, "no such file: " + text + " (paths are relative to the test file)");
            return null;
        }
        return new TestFile.RecordFile(file, key.equals("outcomes"), key, yaml.span(node));
    }

    private static boolean isPath(YamlNode node) {
        return node instanceof YamlNode.Scalar s && !s.isNull();
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
