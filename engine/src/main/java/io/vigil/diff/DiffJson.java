package io.vigil.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.testing.RuleSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil diff --format json}: {"before", "after", "counts", "rules": [{id, change, before_id?, fields:
 * [{field, before, after, parts?}], backtest?: {episodes_before, episodes_after, firing_seconds_before,
 * firing_seconds_after, only_before, only_after, moved, notifications_before, ...}}], "backtest"?: {from, to}}.
 */
public final class DiffJson {
    private DiffJson() {}

    public static String render(DiffReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("before", r.before());
        doc.put("after", r.after());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (RuleChange.Kind k : RuleChange.Kind.values()) counts.put(k.label(), r.semantic().count(k));
        counts.put("unchanged", r.semantic().unchanged());
        doc.put("counts", counts);
        if (r.backtest() != null) {
            doc.put("backtest", Map.of("from", r.backtest().from().toString(), "to", r.backtest().to().toString(),
                    "evaluations", r.backtest().evaluations()));
        }
        List<Object> rules = new ArrayList<>();
        for (RuleChange c : r.semantic().changes()) rules.add(rule(c, r.delta(c)));
        doc.put("rules", rules);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> rule(RuleChange c, RuleDelta d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("change", c.kind().label());
        if (c.kind() == RuleChange.Kind.RENAMED) m.put("before_id", c.before().id());
        List<Object> fields = new ArrayList<>();
        for (RuleChange.FieldChange f : c.fields()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("field", f.field());
            fm.put("before", f.before());
            fm.put("after", f.after());
            if (!f.condition().isEmpty()) {
                List<Object> parts = new ArrayList<>();
                for (ConditionDiff.Change p : f.condition()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("before", p.before());
                    pm.put("after", p.after());
                    if (p.oldThreshold() != null) {
                        pm.put("threshold_before", p.oldThreshold());
                        pm.put("threshold_after", p.newThreshold());
                    }
                    parts.add(pm);
                }
                fm.put("parts", parts);
            }
            fields.add(fm);
        }
        m.put("fields", fields);
        if (d != null) m.put("backtest", delta(d));
        return m;
    }

    private static Map<String, Object> delta(RuleDelta d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episodes_before", d.episodesBefore());
        m.put("episodes_after", d.episodesAfter());
        m.put("firing_seconds_before", d.firingBefore().toSeconds());
        m.put("firing_seconds_after", d.firingAfter().toSeconds());
        m.put("only_before", d.onlyBefore().stream().map(DiffJson::episode).toList());
        m.put("only_after", d.onlyAfter().stream().map(DiffJson::episode).toList());
        m.put("moved", d.moved().stream().map(x -> Map.of("before", episode(x.before()), "after", episode(x.after()))).toList());
        m.put("notifications_before", summary(d.before(), true));
        m.put("notifications_after", summary(d.after(), true));
        m.put("actions_before", summary(d.before(), false));
        m.put("actions_after", summary(d.after(), false));
        if (d.failureBefore() != null) m.put("failure_before", d.failureBefore());
        if (d.failureAfter() != null) m.put("failure_after", d.failureAfter());
        return m;
    }

    private static Map<String, String> summary(RuleSummary s, boolean notifications) {
        if (s == null) return Map.of();
        return notifications ? s.notifications() : s.actions();
    }

    /** An episode as both the report's JSON and the server's delta JSON write it. */
    static Map<String, Object> episode(Episode e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", e.labels());
        m.put("start", e.start().toString());
        m.put("end", e.end().toString());
        m.put("open", e.open());
        return m;
    }
}
