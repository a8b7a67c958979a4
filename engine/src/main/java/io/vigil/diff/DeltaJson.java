package io.vigil.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.RuleSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The wire form of a {@link BacktestDelta.Result}, lossless so that {@code vigil diff --server} renders what
 * {@code --store} renders: the engine's {@code POST /api/v1/diff/backtest} writes it, the CLI reads it back and
 * pairs each rule with its own semantic change by the two versions' ids.
 */
public final class DeltaJson {
    private DeltaJson() {}

    /** A response the CLI cannot pair with its own diff (another engine version, another rule set). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) { super(message); }
    }

    public static Map<String, Object> write(BacktestDelta.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", r.from().toString());
        m.put("to", r.to().toString());
        m.put("evaluations", r.evaluations());
        m.put("elapsed_ms", r.elapsed().toMillis());
        List<Object> rules = new ArrayList<>();
        for (RuleDelta d : r.rules()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("before_id", d.change().before() == null ? null : d.change().before().id());
            x.put("after_id", d.change().after() == null ? null : d.change().after().id());
            x.put("before", summary(d.before()));
            x.put("after", summary(d.after()));
            x.put("only_before", d.onlyBefore().stream().map(DiffJson::episode).toList());
            x.put("only_after", d.onlyAfter().stream().map(DiffJson::episode).toList());
            x.put("moved", d.moved().stream().map(p -> Map.of("before", DiffJson.episode(p.before()), "after", DiffJson.episode(p.after()))).toList());
            x.put("same", d.same());
            x.put("failure_before", d.failureBefore());
            x.put("failure_after", d.failureAfter());
            rules.add(x);
        }
        m.put("rules", rules);
        return m;
    }

    /** The result in {@code json}, each rule delta paired with the change of {@code diff} with the same two ids. */
    public static BacktestDelta.Result read(JsonNode json, SemanticDiff.Result diff) throws Invalid {
        List<RuleDelta> rules = new ArrayList<>();
        JsonNode list = json.path("rules");
        List<RuleChange> changes = diff.changes().stream().filter(RuleChange::behaves).toList();
        for (RuleChange c : changes) {
            String before = c.before() == null ? null : c.before().id();
            String after = c.after() == null ? null : c.after().id();
            JsonNode found = null;
            for (JsonNode x : list) {
                if (Objects.equals(text(x.path("before_id")), before) && Objects.equals(text(x.path("after_id")), after)) found = x;
            }
            if (found == null) {
                throw new Invalid("the engine's backtest has no result for " + c.id() + " (does it check the rules "
                        + "against another config?)");
            }
            rules.add(new RuleDelta(c, summary(found.path("before")), summary(found.path("after")),
                    episodes(found.path("only_before")), episodes(found.path("only_after")), moved(found.path("moved")),
                    found.path("same").asInt(), text(found.path("failure_before")), text(found.path("failure_after"))));
        }
        try {
            return new BacktestDelta.Result(Instant.parse(json.path("from").asText()), Instant.parse(json.path("to").asText()),
                    rules, json.path("evaluations").asLong(), Duration.ofMillis(json.path("elapsed_ms").asLong()));
        } catch (DateTimeParseException e) {
            throw new Invalid("the engine's backtest has no valid from/to: " + e.getMessage());
        }
    }

    private static Map<String, Object> summary(RuleSummary s) {
        if (s == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fired", s.fired());
        m.put("firing_ms", s.firing().toMillis());
        m.put("longest_ms", s.longest().toMillis());
        m.put("notifications", s.notifications());
        m.put("actions", s.actions());
        m.put("evaluations", s.evaluations());
        m.put("failures", s.failures());
        return m;
    }

    private static RuleSummary summary(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        return new RuleSummary(n.path("fired").asLong(), Duration.ofMillis(n.path("firing_ms").asLong()),
                Duration.ofMillis(n.path("longest_ms").asLong()), strings(n.path("notifications")),
                strings(n.path("actions")), n.path("evaluations").asLong(), n.path("failures").asLong());
    }

    private static List<Episode> episodes(JsonNode list) throws Invalid {
        List<Episode> out = new ArrayList<>();
        for (JsonNode e : list) out.add(episode(e));
        return out;
    }

    private static Episode episode(JsonNode e) throws Invalid {
        try {
            return new Episode(new TreeMap<>(strings(e.path("labels"))), Instant.parse(e.path("start").asText()),
                    Instant.parse(e.path("end").asText()), e.path("open").asBoolean());
        } catch (DateTimeParseException x) {
            throw new Invalid("the engine's backtest has an episode without a valid start/end: " + e);
        }
    }

    private static List<RuleDelta.Moved> moved(JsonNode list) throws Invalid {
        List<RuleDelta.Moved> out = new ArrayList<>();
        for (JsonNode p : list) out.add(new RuleDelta.Moved(episode(p.path("before")), episode(p.path("after"))));
        return out;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : object.properties()) out.put(f.getKey(), f.getValue().asText());
        return out;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
