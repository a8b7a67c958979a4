package io.vigil.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text with jackson-dataformat-yaml's streaming parser into {@link YamlNode}s that keep
 * their positions, so every later error can name its line and column. Reads vigil.yaml and rule test
 * files ({@code io.vigil.testing}) alike.
 */
public final class YamlTree {
    private YamlTree() {}

    /** A problem at a code-point offset of the file. */
    public record Problem(int offset, String message) {}

    /** The document's root (null for an empty file) and any problems; with a syntax error root is null. */
    public record Result(YamlNode root, List<Problem> problems) {}

    // Inside [ ] and { } YAML ends a plain scalar at '{' or '}', so the spec's own `tokens: [${TOKEN}]`
    // would not parse. The braces of ${...} are swapped for private-use characters (same length, so
    // positions hold) before parsing and swapped back in every scalar and key.
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    /** @param file the file's name as messages call it ({@code vigil.yaml}, {@code shop.test.yaml}) */
    public static Result read(String text, String file) {
        List<Problem> problems = new ArrayList<>();
        int reserved = text.indexOf(OPEN) >= 0 ? text.indexOf(OPEN) : text.indexOf(CLOSE);
        if (reserved >= 0) {
            problems.add(new Problem(text.codePointCount(0, reserved),
                    "the characters U+E000 and U+E001 are reserved and cannot appear in " + file));
            return new Result(null, problems);
        }
        try (YAMLParser p = new YAMLFactory().createParser(protect(text))) {
            JsonToken first = p.nextToken();
            if (first == null) return new Result(null, problems);
            YamlNode root = node(p, problems, file);
            if (p.nextToken() != null) {
                problems.add(new Problem(offset(p.currentTokenLocation()), "only one YAML document is allowed"));
            }
            return new Result(root, problems);
        } catch (JsonProcessingException e) {
            problems.add(syntax(e));
            return new Result(null, problems);
        } catch (IOException e) {
            problems.add(new Problem(0, "cannot read YAML: " + e.getMessage()));
            return new Result(null, problems);
        }
    }

    private static YamlNode node(YAMLParser p, List<Problem> problems, String file) throws IOException {
        int start = offset(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            List<YamlNode.Entry> entries = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = restore(p.currentName());
                int keyStart = offset(p.currentTokenLocation());
                p.nextToken();
                entries.add(new YamlNode.Entry(key, keyStart, node(p, problems, file)));
            }
            return new YamlNode.Mapping(entries, start, offset(p.currentLocation()));
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) items.add(node(p, problems, file));
            return new YamlNode.Sequence(items, start, offset(p.currentLocation()));
        }
        if (p.isCurrentAlias()) {
            problems.add(new Problem(start, "YAML aliases (*name) are not supported in " + file + "; repeat the value"));
        }
        Boolean bool = t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        return new YamlNode.Scalar(restore(p.getText()), t == JsonToken.VALUE_NULL, bool, start,
                offset(p.currentLocation()));
    }

    private static Problem syntax(JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
                return new Problem(mark.getIndex(), "YAML syntax: " + restore(m.getProblem()) + context);
            }
        }
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage();
        if (msg.startsWith("Expected a field name")) msg = "keys must be plain strings";
        return new Problem(loc == null ? 0 : offset(loc), "YAML syntax: " + msg.lines().findFirst().orElse(msg));
    }

    private static int offset(JsonLocation loc) {
        return (int) Math.max(0, loc.getCharOffset());
    }

    private static String protect(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 2)) {
            int close = text.indexOf('}', i + 2);
            int newline = text.indexOf('\n', i + 2);
            if (close < 0 || (newline >= 0 && newline < close)) continue;
            out.setCharAt(i + 1, OPEN);
            out.setCharAt(close, CLOSE);
        }
        return out.toString();
    }

    private static String restore(String s) {
        return s == null ? null : s.replace(OPEN, '{').replace(CLOSE, '}');
    }
}
