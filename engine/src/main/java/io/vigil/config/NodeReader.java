package io.vigil.config;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Source;
import io.vigil.ast.Span;
import io.vigil.ast.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns located YAML nodes into values for one file (vigil.yaml, or a rule test file): expands the
 * environment, collects every problem with its offset and key path, and remembers which nodes hold
 * secrets so the source lines printed under diagnostics show them masked.
 */
public final class NodeReader {
    private final int[] cps;
    private final Map<String, String> env;
    private final List<Problem> problems = new ArrayList<>();
    private final List<YamlNode> secretNodes = new ArrayList<>();

    /** A problem before it becomes a {@link Diagnostic}: the masked source is only known at the end. */
    record Problem(int offset, boolean warning, String message) {}

    /** A scalar's text after environment expansion. */
    record Value(String text, boolean fromEnvironment, YamlNode.Scalar node) {}

    /** @param env what {@code ${NAME}} expands to; empty where the file takes no environment */
    public NodeReader(String text, Map<String, String> env) {
        this.cps = text.codePoints().toArray();
        this.env = env;
    }

    public void error(int offset, String path, String message) {
        problems.add(new Problem(offset, false, path.isEmpty() ? message : path + ": " + message));
    }

    public void warning(int offset, String path, String message) {
        problems.add(new Problem(offset, true, path.isEmpty() ? message : path + ": " + message));
    }

    public void addAll(List<YamlTree.Problem> yaml) {
        for (YamlTree.Problem p : yaml) problems.add(new Problem(p.offset(), false, p.message()));
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> !p.warning());
    }

    /** A mapping as a section with known keys; unknown and duplicate keys are reported here. */
    Section section(YamlNode node, String path, int anchor, Collection<String> known, String what) {
        YamlNode.Mapping m = null;
        if (node instanceof YamlNode.Mapping mapping) {
            m = mapping;
        } else if (node != null && !(node instanceof YamlNode.Scalar s && s.isNull())) {
            error(node.start(), path, "expected a mapping of " + what + ", got " + node.kind());
        }
        return new Section(this, path, anchor, known(m, path, known));
    }

    /**
     * The entries of a mapping with known keys, in file order; unknown keys (with a "did you mean") and
     * repeated ones are reported. A null mapping has none.
     */
    public Map<String, YamlNode.Entry> known(YamlNode.Mapping m, String path, Collection<String> known) {
        Map<String, YamlNode.Entry> entries = entries(m, path);
        for (YamlNode.Entry e : entries.values()) {
            if (!known.contains(e.key())) {
                error(e.keyStart(), join(path, e.key()), "unknown key" + Suggestions.hint(e.key(), known)
                        + (Suggestions.closest(e.key(), known) == null ? " (known: " + String.join(", ", known) + ")" : ""));
            }
        }
        return entries;
    }

    /** The entries of a mapping by key, in file order; a repeated key is an error at its second use. */
    public Map<String, YamlNode.Entry> entries(YamlNode.Mapping m, String path) {
        Map<String, YamlNode.Entry> out = new java.util.LinkedHashMap<>();
        if (m == null) return out;
        for (YamlNode.Entry e : m.entries()) {
            YamlNode.Entry first = out.putIfAbsent(e.key(), e);
            if (first != null) {
                error(e.keyStart(), join(path, e.key()), "duplicate key (first at line " + line(first.keyStart()) + ")");
            }
        }
        return out;
    }

    /** Expands one scalar, or reports why it is not one; null for an absent value or an error. */
    Value scalar(YamlNode node, String path, String expected, boolean secret) {
        if (secret && node != null) secretNodes.add(node);
        if (node == null || node instanceof YamlNode.Scalar s0 && s0.isNull()) return null;
        if (!(node instanceof YamlNode.Scalar s)) {
            error(node.start(), path, "expected " + expected + ", got " + node.kind());
            return null;
        }
        EnvExpansion.Result r = EnvExpansion.expand(s.text(), env);
        for (EnvExpansion.Problem p : r.problems()) error(offsetIn(s, p.index()), path, p.message());
        if (!r.problems().isEmpty()) return null;
        return new Value(r.value(), r.usedEnvironment(), s);
    }

    /** The file offset of a code-point index in a scalar's text: exact for single-line scalars without escapes. */
    public int offsetIn(YamlNode.Scalar s, int index) {
        int[] text = s.text().codePoints().toArray();
        for (int quote = 0; quote <= 1; quote++) {
            int from = s.start() + quote;
            if (from + text.length > cps.length) continue;
            boolean same = true;
            for (int i = 0; i < text.length && same; i++) same = cps[from + i] == text[i];
            if (same) return from + Math.min(index, text.length);
        }
        return s.start();
    }

    /** How a value may appear in a message: never a secret or anything taken from the environment. */
    String shown(Value v, boolean secret) {
        if (secret) return "a value (hidden: it is secret)";
        if (v.fromEnvironment()) return "'" + v.node().text() + "' (after expanding the environment; value hidden)";
        return "'" + v.text() + "'";
    }

    public int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < cps.length; i++) if (cps[i] == '\n') line++;
        return line;
    }

    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Every problem as a diagnostic against the file text with secret values masked, sorted by position. */
    public List<Diagnostic> diagnostics(String path) {
        int[] masked = cps.clone();
        for (YamlNode n : secretNodes) mask(n, masked);
        Source source = new Source(path, new String(masked, 0, masked.length));
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Problem p : problems) {
            if (seen.put(p.offset() + p.message(), Boolean.TRUE) != null) continue;
            Span at = Span.at(source, Math.min(p.offset(), masked.length));
            out.add(p.warning() ? Diagnostic.warning(at, p.message()) : Diagnostic.error(at, p.message()));
        }
        out.sort(Diagnostic.ORDER);
        return out;
    }

    /** Stars over a secret's characters, keeping line breaks so every other position stays put. */
    private static void mask(YamlNode n, int[] text) {
        if (n instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries()) mask(e.value(), text);
        } else if (n instanceof YamlNode.Sequence s) {
            for (YamlNode item : s.items()) mask(item, text);
        } else if (!(n instanceof YamlNode.Scalar s && s.text().matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}"))) {
            // A bare ${NAME} holds no secret itself, and showing it makes "not set" errors readable.
            for (int i = n.start(); i < n.end() && i < text.length; i++) {
                if (text[i] != '\n' && text[i] != '\r') text[i] = '*';
            }
        }
    }
}
