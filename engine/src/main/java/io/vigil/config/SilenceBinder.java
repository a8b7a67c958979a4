package io.vigil.config;

import io.vigil.label.LabelMatcher;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quartz.CronExpression;

/** Reads {@code silences:}, recurring maintenance windows kept in version control with the rules. */
final class SilenceBinder {
    private static final List<String> KEYS = List.of("cron", "timezone", "duration", "matchers", "comment");

    private static final String HIDDEN_CRON =
            "invalid Quartz cron expression (its text comes from the environment and is not shown)";

    private final NodeReader reader;

    SilenceBinder(NodeReader reader) {
        this.reader = reader;
    }

    Map<String, MaintenanceWindow> silences(Section root) {
        Map<String, MaintenanceWindow> out = new LinkedHashMap<>();
        root.named("silences", "maintenance windows").forEach((name, e) -> {
            Section s = reader.section(e.value(), "silences." + name, e.keyStart(), KEYS, "maintenance window settings");
            String cron = cron(s);
            ZoneId zone = zone(s);
            var duration = s.duration("duration", null, false);
            if (duration == null && !s.has("duration")) s.missing("duration", "how long each window stays open, e.g. 2h");
            List<LabelMatcher> matchers = matchers(s);
            Text comment = s.text("comment", "");
            if (cron != null && zone != null && duration != null) {
                out.put(name, new MaintenanceWindow(name, cron, zone, duration, matchers, comment.reveal()));
            }
        });
        return out;
    }

    private String cron(Section s) {
        Text t = s.requiredText("cron", "a Quartz cron expression for when each window opens, e.g. \"0 0 2 ? * SUN\"");
        if (t == null) return null;
        YamlNode.Scalar node = (YamlNode.Scalar) s.node("cron");
        try {
            new CronExpression(t.reveal());
            return t.reveal();
        } catch (ParseException e) {
            if (t.isSecret()) {
                reader.error(node.start(), s.pathOf("cron"), HIDDEN_CRON);
            } else {
                int index = t.reveal().codePointCount(0, Math.max(0, Math.min(e.getErrorOffset(), t.reveal().length())));
                reader.error(reader.offsetIn(node, index), s.pathOf("cron"), "invalid Quartz cron expression: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            // Quartz throws unchecked exceptions for some malformed fields.
            reader.error(node.start(), s.pathOf("cron"),
                    t.isSecret() ? HIDDEN_CRON : "invalid Quartz cron expression: " + e.getMessage());
        }
        return null;
    }

    private ZoneId zone(Section s) {
        Text t = s.text("timezone", null);
        if (t == null) return ZoneOffset.UTC;
        try {
            return ZoneId.of(t.reveal().strip());
        } catch (DateTimeException e) {
            reader.error(s.node("timezone").start(), s.pathOf("timezone"), "unknown time zone"
                    + (t.isSecret() ? "" : " '" + t.reveal() + "'") + " (use an IANA name such as Europe/Berlin)");
            return null;
        }
    }

    private List<LabelMatcher> matchers(Section s) {
        List<LabelMatcher> out = new ArrayList<>();
        if (!s.has("matchers")) {
            s.missing("matchers", "which alerts the window mutes, e.g. [model=churn, segment=EU]");
            return out;
        }
        YamlNode n = s.node("matchers");
        List<YamlNode> items = n instanceof YamlNode.Sequence seq ? seq.items() : List.of(n);
        for (int i = 0; i < items.size(); i++) {
            String path = s.pathOf("matchers") + (n instanceof YamlNode.Sequence ? "[" + i + "]" : "");
            NodeReader.Value v = reader.scalar(items.get(i), path, "a matcher such as model=churn", false);
            if (v == null) continue;
            try {
                out.add(LabelMatcher.parse(v.text()));
            } catch (IllegalArgumentException e) {
                reader.error(v.node().start(), path,
                        v.fromEnvironment() ? "invalid matcher (its text comes from the environment and is not shown)"
                                : e.getMessage());
            }
        }
        if (items.isEmpty()) {
            reader.error(s.keyOffset("matchers"), s.pathOf("matchers"),
                    "needs at least one matcher (write model=~\".*\" to mute everything)");
        }
        return out;
    }
}
