package io.vigil.config;

import io.vigil.template.Template;
import io.vigil.template.TemplateError;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mapping of vigil.yaml read as typed settings. Every getter reports a bad value (with the key path
 * and position) and returns the default, so one run finds every problem in the file.
 */
final class Section {
    private final NodeReader reader;
    private final String path;
    private final int anchor;
    private final Map<String, YamlNode.Entry> entries;

    Section(NodeReader reader, String path, int anchor, Map<String, YamlNode.Entry> entries) {
        this.reader = reader;
        this.path = path;
        this.anchor = anchor;
        this.entries = entries;
    }

    String path() { return path; }

    /** Where to report what is missing from this section: the key that names it. */
    int anchor() { return anchor; }

    boolean has(String key) {
        YamlNode n = node(key);
        return n != null && !(n instanceof YamlNode.Scalar s && s.isNull());
    }

    YamlNode node(String key) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Where a key is written, or the section's anchor when it is absent. */
    int keyOffset(String key) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? anchor : e.keyStart();
    }

    String pathOf(String key) { return NodeReader.join(path, key); }

    /** A nested section; absent means empty. */
    Section section(String key, java.util.Collection<String> known, String what) {
        return reader.section(node(key), pathOf(key), keyOffset(key), known, what);
    }

    /** The entries of a nested mapping whose keys are names the user chose (channels, actions, ...). */
    Map<String, YamlNode.Entry> named(String key, String what) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.isNull()) return Map.of();
        if (!(n instanceof YamlNode.Mapping m)) {
            reader.error(n.start(), pathOf(key), "expected a mapping of " + what + " by name, got " + n.kind());
            return Map.of();
        }
        Map<String, YamlNode.Entry> out = reader.entries(m, pathOf(key));
        for (YamlNode.Entry e : out.values()) {
            if (!e.key().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                reader.error(e.keyStart(), NodeReader.join(pathOf(key), e.key()), "names must be identifiers "
                        + "(letters, digits and _, not starting with a digit) so rule files can refer to them");
            }
        }
        return out;
    }

    void missing(String key, String why) {
        reader.error(anchor, pathOf(key), "missing: " + why);
    }

    Text text(String key, String fallback) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "text", false);
        if (v == null) return fallback == null ? null : Text.plain(fallback);
        return v.fromEnvironment() ? Secret.of(v.text()) : Text.plain(v.text());
    }

    Text requiredText(String key, String why) {
        Text t = text(key, null);
        if (t == null && !has(key)) missing(key, why);
        return t;
    }

    Secret secret(String key) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "text", true);
        return v == null ? null : Secret.of(v.text());
    }

    int integer(String key, int min, int max, int fallback) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "a whole number", false);
        if (v == null) return fallback;
        String s = v.text().strip();
        if (s.matches("[+-]?[0-9]{1,10}")) {
            long n = Long.parseLong(s);
            if (n >= min && n <= max) return (int) n;
        }
        reader.error(v.node().start(), pathOf(key),
                "expected a whole number from " + min + " to " + max + ", got " + reader.shown(v, false));
        return fallback;
    }

    /** A finite number from {@code min} to {@code max}. */
    double number(String key, double min, double max, double fallback) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "a number", false);
        if (v == null) return fallback;
        try {
            double d = Double.parseDouble(v.text().strip());
            if (d >= min && d <= max && v.text().strip().matches("[+-]?[0-9.eE+-]+")) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        reader.error(v.node().start(), pathOf(key),
                "expected a number from " + min + " to " + max + ", got " + reader.shown(v, false));
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "true or false", false);
        if (v == null) return fallback;
        if (!v.fromEnvironment() && v.node().yamlBoolean() != null) return v.node().yamlBoolean();
        String s = v.text().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) return s.equals("true");
        reader.error(v.node().start(), pathOf(key), "expected true or false, got " + reader.shown(v, false));
        return fallback;
    }

    /** A duration such as 30s or 24h; zero only where {@code allowZero}. */
    Duration duration(String key, Duration fallback, boolean allowZero) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "a duration", false);
        if (v == null) return fallback;
        Duration d = DurationText.parse(v.text());
        if (d != null && (allowZero || !d.isZero())) return d;
        String hint = v.text().strip().matches("[0-9]+") && !v.text().strip().equals("0")
                ? " (add a unit: " + v.text().strip() + "s?)" : "";
        reader.error(v.node().start(), pathOf(key), "expected a duration such as 30s, 15m, 2h or 7d"
                + (allowZero ? "" : " (greater than 0)") + ", got " + reader.shown(v, false) + hint);
        return fallback;
    }

    long size(String key, long fallback) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "a size", false);
        if (v == null) return fallback;
        long bytes = ByteSize.parse(v.text());
        if (bytes > 0) return bytes;
        reader.error(v.node().start(), pathOf(key),
                "expected a size such as 16MiB, 512KiB or 1GB, got " + reader.shown(v, false));
        return fallback;
    }

    /** One of an enum's constants, written in lower case. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        NodeReader.Value v = reader.scalar(node(key), pathOf(key), "a name", false);
        if (v == null) return fallback;
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            names.add(name);
            if (name.equals(v.text().strip())) return e;
        }
        String hint = v.fromEnvironment() ? "" : io.vigil.ast.Suggestions.hint(v.text().strip(), names);
        reader.error(v.node().start(), pathOf(key),
                "expected " + String.join(", ", names) + "; got " + reader.shown(v, false) + hint);
        return fallback;
    }

    /** A list of strings; a single string counts as a list of one. */
    List<Text> textList(String key, boolean secret) {
        return list(key, secret, false);
    }

    /** A list of templates, each validated like {@link #template}. */
    List<Text> templateList(String key) {
        return list(key, false, true);
    }

    private List<Text> list(String key, boolean secret, boolean templates) {
        YamlNode n = node(key);
        List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : n == null ? List.of() : List.of(n);
        List<Text> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = n instanceof YamlNode.Sequence ? pathOf(key) + "[" + i + "]" : pathOf(key);
            NodeReader.Value v = reader.scalar(items.get(i), itemPath, "text", secret);
            if (v == null) continue;
            Text t = secret || v.fromEnvironment() ? Secret.of(v.text()) : Text.plain(v.text());
            if (templates) checkTemplate(t, v.node(), itemPath);
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }

    /** A mapping of names to secret values, e.g. HTTP headers. */
    Map<String, Secret> secretMap(String key) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.isNull()) return Map.of();
        if (!(n instanceof YamlNode.Mapping m)) {
            reader.error(n.start(), pathOf(key), "expected a mapping of names to values, got " + n.kind());
            return Map.of();
        }
        Map<String, Secret> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : reader.entries(m, pathOf(key)).values()) {
            NodeReader.Value v = reader.scalar(e.value(), NodeReader.join(pathOf(key), e.key()), "text", true);
            if (v != null) out.put(e.key(), Secret.of(v.text()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Text that is a template (docs/templates.md), validated now so it can never fail to render later. */
    Text template(String key) {
        Text t = text(key, null);
        if (t != null) checkTemplate(t, (YamlNode.Scalar) node(key), pathOf(key));
        return t;
    }

    private void checkTemplate(Text t, YamlNode.Scalar node, String at) {
        for (TemplateError e : Template.parse(t.reveal()).errors()) {
            if (t.isSecret()) {
                reader.error(node.start(), at, "invalid template (its text comes from the environment and is not shown)");
                return;
            }
            reader.error(reader.offsetIn(node, e.index()), at, e.message());
        }
    }

    /** An absolute http(s) URL; the value is named in the message only when it is not secret. */
    Text url(String key, String why) {
        Text t = requiredText(key, why);
        if (t == null) return null;
        URI uri = null;
        try {
            uri = new URI(t.reveal().strip());
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        boolean web = uri != null && uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        if (!web) {
            YamlNode n = node(key);
            reader.error(n.start(), pathOf(key), "expected an absolute http:// or https:// URL"
                    + (t.isSecret() ? "" : ", got '" + t.reveal() + "'"));
        }
        return t;
    }

    /** Paths resolved against the config file's directory. */
    List<Path> paths(String key, Path base) {
        List<Path> out = new ArrayList<>();
        for (Text t : textList(key, false)) {
            if (t.reveal().isBlank()) {
                reader.error(keyOffset(key), pathOf(key), "empty path");
            } else {
                out.add(base.resolve(t.reveal()).normalize());
            }
        }
        return List.copyOf(out);
    }
}
