package io.vigil.testing;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Source;
import io.vigil.ast.Span;
import io.vigil.config.DurationText;
import io.vigil.config.NodeReader;
import io.vigil.config.YamlNode;
import io.vigil.config.YamlTree;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Typed reading of a test file's located YAML nodes, on the config's {@link NodeReader} (which keeps
 * the problems, finds unknown and repeated keys, and turns everything into diagnostics naming the test
 * file). Every problem is at the node's line and column with its key path (e.g.
 * {@code tests[2].alerts[0].rule: expected a string}); readers return null for a value they could not
 * read and carry on, so one run reports every problem.
 */
final class TestYaml {
    static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private final Source source;
    private final NodeReader reader;

    TestYaml(Source source) {
        this.source = source;
        this.reader = new NodeReader(source.text(), Map.of());
    }

    Source source() { return source; }

    /** Every problem so far, sorted by position. */
    List<Diagnostic> diagnostics() { return reader.diagnostics(source.path()); }

    boolean hasErrors() { return reader.hasErrors(); }

    void error(int offset, String path, String message) {
        reader.error(offset, path, message);
    }

    /** Syntax problems of the file as the YAML reader found them. */
    void addAll(List<YamlTree.Problem> problems) {
        reader.addAll(problems);
    }

    void error(YamlNode node, String path, String message) {
        error(node.start(), path, message);
    }

    Span span(int offset) {
        return Span.at(source, Math.min(Math.max(0, offset), source.length()));
    }

    Span span(YamlNode node) {
        return span(node.start());
    }

    /** The file offset of a code-point index in a scalar's text (exact for single-line scalars without escapes). */
    int offsetIn(YamlNode.Scalar s, int index) {
        return reader.offsetIn(s, index);
    }

    /** The entries of a mapping by key; reports a non-mapping, unknown and repeated keys, and missing required ones. */
    Map<String, YamlNode> mapping(YamlNode node, String path, Collection<String> known, Collection<String> required,
                                  String what) {
        if (!(node instanceof YamlNode.Mapping m)) {
            if (node != null) error(node, path, "expected " + what + ", got " + node.kind());
            return null;
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        reader.known(m, path, known).forEach((key, e) -> {
            if (known.contains(key)) out.put(key, e.value());
        });
        for (String r : required) {
            if (!out.containsKey(r)) error(node, path, "missing key '" + r + "'");
        }
        return out;
    }

    /** A list's items; null (after reporting) when the node is not a list, an empty list when it is absent. */
    List<YamlNode> list(YamlNode node, String path) {
        if (node == null || isNull(node)) return List.of();
        if (node instanceof YamlNode.Sequence s) return s.items();
        error(node, path, "expected a list, got " + node.kind());
        return null;
    }

    String string(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) return s.text();
        if (node != null) error(node, path, "expected a string, got " + node.kind());
        return null;
    }

    /** A name as rule files write it: an identifier. */
    String identifier(YamlNode node, String path) {
        String s = string(node, path);
        if (s != null && !s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            error(node, path, "'" + s + "' is not a name (letters, digits and _, not starting with a digit)");
            return null;
        }
        return s;
    }

    /** A duration of the rule language ({@code 5m}, {@code 1h30m}; {@code 0} alone is zero). */
    Duration duration(YamlNode node, String path) {
        String s = string(node, path);
        if (s == null) return null;
        Duration d = DurationText.parse(s);
        if (d == null) error(node, path, "'" + s + "' is not a duration; write e.g. 30s, 5m, 1h30m or 2d");
        return d;
    }

    Instant instant(YamlNode node, String path) {
        String s = string(node, path);
        if (s == null) return null;
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            error(node, path, "'" + s + "' is not an ISO-8601 time with a zone, e.g. 2026-01-01T00:00:00Z");
            return null;
        }
    }

    /** A finite number. */
    Double number(YamlNode node, String path) {
        String s = string(node, path);
        if (s == null) return null;
        if (NUMBER.matcher(s.strip()).matches()) {
            double v = Double.parseDouble(s.strip());
            if (Double.isFinite(v)) return v;
        }
        error(node, path, "'" + s + "' is not a finite number");
        return null;
    }

    /** A count: a whole number ≥ 0. */
    Long count(YamlNode node, String path) {
        String s = string(node, path);
        if (s == null) return null;
        try {
            long v = Long.parseLong(s.strip());
            if (v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        error(node, path, "'" + s + "' is not a count (a whole number >= 0)");
        return null;
    }

    /** A mapping of label names to string values, sorted by name. */
    SortedMap<String, String> labels(YamlNode node, String path) {
        SortedMap<String, String> out = new TreeMap<>();
        if (node == null || isNull(node)) return out;
        if (!(node instanceof YamlNode.Mapping m)) {
            error(node, path, "expected a mapping of label names to values, got " + node.kind());
            return null;
        }
        for (YamlNode.Entry e : m.entries()) {
            String at = join(path, e.key());
            if (!e.key().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                error(e.keyStart(), at, "'" + e.key() + "' is not a label name");
                continue;
            }
            String v = string(e.value(), at);
            if (v != null && out.put(e.key(), v) != null) error(e.keyStart(), at, "duplicate label");
        }
        return out;
    }

    static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isNull();
    }

    static String join(String path, String key) {
        return NodeReader.join(path, key);
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
