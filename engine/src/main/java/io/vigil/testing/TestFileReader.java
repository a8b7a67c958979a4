package io.vigil.testing;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Expr;
import io.vigil.ast.RuleParser;
import io.vigil.ast.Source;
import io.vigil.config.YamlNode;
import io.vigil.config.YamlTree;
import io.vigil.label.LabelMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a rule test file (docs/rule-tests.md) into a {@link TestFile}, or into diagnostics naming the
 * file, line and column of every problem. Feature data is read by {@link FeatureDataReader}.
 */
public final class TestFileReader {
    private static final List<String> TOP = List.of("rules", "config", "interval", "start", "series", "baselines",
            "distributions", "predictions", "outcomes", "tests");
    private static final List<String> SERIES = List.of("metric", "values");
    private static final List<String> TEST = List.of("at", "alerts", "pending", "notifications", "actions");
    private static final List<String> ALERT = List.of("rule", "labels", "state", "value", "tolerance");
    private static final List<String> NOTIFICATION = List.of("channel", "rule", "labels", "kind", "at");
    private static final List<String> ACTION = List.of("action", "rule", "labels", "kind", "at");
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    /** The file, or null when it has errors; the diagnostics either way. */
    public record Result(TestFile file, List<Diagnostic> diagnostics) {
        public boolean ok() { return file != null; }
    }

    private final TestYaml yaml;
    private final Path dir;

    private TestFileReader(Source source, Path dir) {
        this.yaml = new TestYaml(source);
        this.dir = dir;
    }

    /** Reads test file text; {@code path} names it in messages and its directory anchors relative paths. */
    public static Result read(Path path, String text) {
        Path dir = path.toAbsolutePath().getParent();
        TestFileReader r = new TestFileReader(new Source(path.toString(), text), dir);
        TestFile file = r.file(path);
        return new Result(r.yaml.hasErrors() ? null : file, List.copyOf(r.yaml.diagnostics()));
    }

    private TestFile file(Path path) {
        YamlTree.Result tree = YamlTree.read(yaml.source().text(), path.getFileName().toString());
        yaml.addAll(tree.problems());
        if (!tree.problems().isEmpty()) return null;
        if (tree.root() == null) {
            yaml.error(0, "", "empty test file; expected rules:, series: and tests:");
            return null;
        }
        Map<String, YamlNode> top = yaml.mapping(tree.root(), "", TOP, List.of("rules", "tests"),
                "a mapping with rules, series and tests");
        if (top == null) return null;
        List<Path> rules = paths(top.get("rules"));
        Path config = null;
        if (top.containsKey("config")) config = existing(top.get("config"), "config");
        Duration interval = top.containsKey("interval") ? yaml.duration(top.get("interval"), "interval") : DEFAULT_INTERVAL;
        if (interval != null && interval.isZero()) {
            yaml.error(top.get("interval"), "interval", "must be greater than 0");
        }
        Instant start = top.containsKey("start") ? yaml.instant(top.get("start"), "start") : Instant.EPOCH;
        List<TestFile.SeriesInput> series = new ArrayList<>();
        List<YamlNode> seriesNodes = yaml.list(top.get("series"), "series");
        if (seriesNodes != null) {
            for (int i = 0; i < seriesNodes.size(); i++) {
                TestFile.SeriesInput s = series(seriesNodes.get(i), TestYaml.index("series", i));
                if (s != null) series.add(s);
            }
        }
        List<TestFile.TestCase> tests = tests(top.get("tests"));
        Duration end = tests.stream().map(TestFile.TestCase::at).max(Duration::compareTo).orElse(Duration.ZERO);
        FeatureDataReader features = new FeatureDataReader(yaml);
        var baselines = features.baselines(top.get("baselines"));
        var distributions = features.distributions(top.get("distributions"), end);
        RecordInputReader records = new RecordInputReader(yaml);
        var predictions = records.records(top.get("predictions"), "predictions");
        var outcomes = records.records(top.get("outcomes"), "outcomes");
        List<TestFile.RecordFile> recordFiles = new ArrayList<>();
        for (String key : List.of("predictions", "outcomes")) {
            TestFile.RecordFile f = records.file(top.get(key), key, path);
            if (f != null) recordFiles.add(f);
        }
        return new TestFile(path, rules, config, interval == null ? DEFAULT_INTERVAL : interval,
                start == null ? Instant.EPOCH : start, series, baselines, distributions, tests, predictions, outcomes,
                recordFiles);
    }

    private List<Path> paths(YamlNode node) {
        List<Path> out = new ArrayList<>();
        List<YamlNode> items = node instanceof YamlNode.Scalar ? List.of(node) : yaml.list(node, "rules");
        if (items == null) return out;
        if (items.isEmpty() && node != null) yaml.error(node, "rules", "names no rule file");
        for (int i = 0; i < items.size(); i++) {
            Path p = existing(items.get(i), TestYaml.index("rules", i));
            if (p != null) out.add(p);
        }
        return out;
    }

    /** A path relative to the test file's directory that must exist. */
    private Path existing(YamlNode node, String key) {
        String s = yaml.string(node, key);
        if (s == null) return null;
        Path p = dir.resolve(s).normalize();
        if (!Files.exists(p)) {
            yaml.error(node, key, "no such file or directory: " + s + " (paths are relative to the test file)");
            return null;
        }
        return p;
    }

    private TestFile.SeriesInput series(YamlNode node, String path) {
        Map<String, YamlNode> m = yaml.mapping(node, path, SERIES, SERIES, "a series with metric and values");
        if (m == null || !m.containsKey("metric") || !m.containsKey("values")) return null;
        Selected sel = selector(m.get("metric"), TestYaml.join(path, "metric"));
        String values = yaml.string(m.get("values"), TestYaml.join(path, "values"));
        List<SeriesNotation.Step> steps = null;
        if (values != null) {
            try {
                steps = SeriesNotation.parse(values);
            } catch (SeriesNotation.NotationException e) {
                yaml.error(yaml.offsetIn((YamlNode.Scalar) m.get("values"), e.column - 1), TestYaml.join(path, "values"),
                        e.getMessage().replaceFirst("^column \\d+: ", ""));
            }
        }
        if (sel == null || steps == null) return null;
        return new TestFile.SeriesInput(sel.model, sel.metric, sel.labels, steps, yaml.span(node));
    }

    private record Selected(String model, String metric, SortedMap<String, String> labels) {}

    /** {@code metric{label="value", ...}} with equality matchers only; {@code model} becomes the series' model. */
    private Selected selector(YamlNode node, String path) {
        String text = yaml.string(node, path);
        if (text == null) return null;
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        RuleParser.SelectorResult r = RuleParser.parseSelector(new Source(yaml.source().path(), text));
        for (Diagnostic d : r.diagnostics()) {
            yaml.error(yaml.offsetIn(scalar, d.span().start()), path, d.message());
        }
        if (r.selector() == null) return null;
        String model = null;
        SortedMap<String, String> labels = new TreeMap<>();
        boolean ok = true;
        for (Expr.Matcher mt : r.selector().matchers()) {
            int at = yaml.offsetIn(scalar, mt.span().start());
            if (mt.op() != LabelMatcher.Op.EQ) {
                yaml.error(at, path, "an input series names exact label values; use = instead of " + mt.op().symbol);
                ok = false;
            } else if (labels.containsKey(mt.label().text()) || (mt.label().text().equals("model") && model != null)) {
                yaml.error(at, path, "label '" + mt.label().text() + "' given twice");
                ok = false;
            } else if (mt.label().text().equals("model")) {
                model = mt.value().value();
            } else {
                labels.put(mt.label().text(), mt.value().value());
            }
        }
        return ok ? new Selected(model, r.selector().metric().text(), labels) : null;
    }

    private List<TestFile.TestCase> tests(YamlNode node) {
        List<TestFile.TestCase> out = new ArrayList<>();
        List<YamlNode> items = yaml.list(node, "tests");
        if (items == null) return out;
        if (items.isEmpty() && node != null) yaml.error(node, "tests", "has no tests");
        for (int i = 0; i < items.size(); i++) {
            String path = TestYaml.index("tests", i);
            Map<String, YamlNode> m = yaml.mapping(items.get(i), path, TEST, List.of("at"), "a test with at and alerts");
            if (m == null || !m.containsKey("at")) continue;
            Duration at = yaml.duration(m.get("at"), TestYaml.join(path, "at"));
            List<TestFile.ExpectedAlert> alerts = alerts(m.get("alerts"), TestYaml.join(path, "alerts"), "firing");
            List<TestFile.ExpectedAlert> pending = m.containsKey("pending")
                    ? alerts(m.get("pending"), TestYaml.join(path, "pending"), "pending") : null;
            var notifications = m.containsKey("notifications")
                    ? deliveries(m.get("notifications"), TestYaml.join(path, "notifications"), "channel", NOTIFICATION,
                            List.of("firing", "repeat", "resolved"), true) : null;
            var actions = m.containsKey("actions")
                    ? deliveries(m.get("actions"), TestYaml.join(path, "actions"), "action", ACTION,
                            List.of("run", "approval"), false) : null;
            if (at != null && alerts != null) {
                out.add(new TestFile.TestCase(at, alerts, pending, notifications, actions, yaml.span(items.get(i))));
            }
        }
        return out;
    }

    private List<TestFile.ExpectedAlert> alerts(YamlNode node, String path, String state) {
        List<YamlNode> items = yaml.list(node, path);
        if (items == null) return null;
        List<TestFile.ExpectedAlert> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String p = TestYaml.index(path, i);
            Map<String, YamlNode> m = yaml.mapping(items.get(i), p, ALERT, List.of("rule"), "an alert with rule and labels");
            if (m == null || !m.containsKey("rule")) continue;
            String rule = yaml.string(m.get("rule"), TestYaml.join(p, "rule"));
            SortedMap<String, String> labels = yaml.labels(m.get("labels"), TestYaml.join(p, "labels"));
            if (m.containsKey("state")) {
                String s = yaml.string(m.get("state"), TestYaml.join(p, "state"));
                if (s != null && !s.equals(state)) {
                    yaml.error(m.get("state"), TestYaml.join(p, "state"), "'" + s + "' cannot appear here: "
                            + (state.equals("firing") ? "alerts: lists firing instances (pending ones go under pending:)"
                            : "pending: lists pending instances (firing ones go under alerts:)"));
                }
            }
            Double value = m.containsKey("value") ? yaml.number(m.get("value"), TestYaml.join(p, "value")) : null;
            Double tolerance = m.containsKey("tolerance") ? yaml.number(m.get("tolerance"), TestYaml.join(p, "tolerance")) : null;
            if (tolerance != null && tolerance < 0) {
                yaml.error(m.get("tolerance"), TestYaml.join(p, "tolerance"), "must be >= 0");
            }
            if (tolerance != null && !m.containsKey("value")) {
                yaml.error(m.get("tolerance"), TestYaml.join(p, "tolerance"), "is given without a value");
            }
            if (rule != null && labels != null) out.add(new TestFile.ExpectedAlert(rule, labels, value, tolerance,
                    yaml.span(items.get(i))));
        }
        return out;
    }

    private List<TestFile.ExpectedDelivery> deliveries(YamlNode node, String path, String targetKey, List<String> keys,
                                                       List<String> kinds, boolean kindRequired) {
        List<YamlNode> items = yaml.list(node, path);
        if (items == null) return null;
        List<TestFile.ExpectedDelivery> out = new ArrayList<>();
        List<String> required = kindRequired ? List.of(targetKey, "rule", "kind") : List.of(targetKey, "rule");
        for (int i = 0; i < items.size(); i++) {
            String p = TestYaml.index(path, i);
            Map<String, YamlNode> m = yaml.mapping(items.get(i), p, keys, required, "a mapping with " + String.join(", ", required));
            if (m == null) continue;
            String target = yaml.identifier(m.get(targetKey), TestYaml.join(p, targetKey));
            String rule = yaml.string(m.get("rule"), TestYaml.join(p, "rule"));
            SortedMap<String, String> labels = yaml.labels(m.get("labels"), TestYaml.join(p, "labels"));
            String kind = m.containsKey("kind") ? yaml.string(m.get("kind"), TestYaml.join(p, "kind")) : null;
            if (kind != null && !kinds.contains(kind)) {
                yaml.error(m.get("kind"), TestYaml.join(p, "kind"), "'" + kind + "' is not one of " + String.join(", ", kinds));
                kind = null;
            }
            Duration at = m.containsKey("at") ? yaml.duration(m.get("at"), TestYaml.join(p, "at")) : null;
            if (target != null && rule != null && labels != null && (kind != null || !kindRequired)) {
                out.add(new TestFile.ExpectedDelivery(target, rule, labels, kind, at, yaml.span(items.get(i))));
            }
        }
        return out;
    }
}
