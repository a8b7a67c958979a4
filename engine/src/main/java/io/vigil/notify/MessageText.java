package io.vigil.notify;

import io.vigil.config.Text;
import io.vigil.template.NumberText;
import io.vigil.template.Escape;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words of a notification: subject and plain-text body, from the channel's templates when it has
 * them (rendered once per alert; the subject against the first), else Vigil's own wording built on
 * each alert's rendered summary.
 */
final class MessageText {
    private static final int SUBJECT_LIMIT = 200;

    private MessageText() {}

    static String subject(Delivery d, Text template) {
        String s = template != null ? d.first().render(template, Escape.NONE) : defaultSubject(d);
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() <= SUBJECT_LIMIT ? s : s.substring(0, SUBJECT_LIMIT - 1) + "…";
    }

    /** {@code [FIRING:3] churn/acc_low: <first summary> (and 2 more)}. */
    static String defaultSubject(Delivery d) {
        int n = d.alerts().size();
        String tag = d.status().toUpperCase(Locale.ROOT) + (n > 1 ? ":" + n : "");
        return "[" + tag + "] " + d.model() + "/" + d.rule() + ": " + d.first().summary()
                + (n > 1 ? " (and " + (n - 1) + " more)" : "");
    }

    /** One line saying what happened: {@code churn/acc_low is firing: 2 alerts (severity warning)}. */
    static String headline(Delivery d) {
        int n = d.alerts().size();
        String what = switch (d.event()) {
            case "resolved" -> "has resolved";
            case "repeat" -> "is still firing";
            default -> "is firing";
        };
        return d.model() + "/" + d.rule() + " " + what + ": " + n + " alert" + (n == 1 ? "" : "s")
                + (d.first().severity() == null ? "" : " (severity " + d.first().severity() + ")");
    }

    static String plainBody(Delivery d, Text template, Links links) {
        if (template != null) {
            return d.alerts().stream().map(a -> a.render(template, Escape.NONE))
                    .collect(Collectors.joining("\n\n")) + "\n";
        }
        StringBuilder out = new StringBuilder(headline(d)).append("\n\n");
        for (AlertEvent a : d.alerts()) {
            out.append("* ").append(a.summary()).append('\n');
            out.append("  value:   ").append(value(a)).append('\n');
            out.append("  labels:  ").append(labels(a.labels())).append('\n');
            out.append("  since:   ").append(a.startsAt()).append('\n');
            if (a.endsAt() != null) out.append("  ended:   ").append(a.endsAt()).append('\n');
            if (a.description() != null) out.append("  ").append(a.description()).append('\n');
            out.append("  details: ").append(links.alert(a.alertId())).append("\n\n");
        }
        if (d.first().runbook() != null) out.append("Runbook: ").append(d.first().runbook()).append("\n\n");
        out.append("-- \nSent by Vigil; delivery ").append(d.idempotencyKey()).append('\n');
        return out.toString();
    }

    static String value(AlertEvent a) {
        return a.value() == null ? "none" : NumberText.format(a.value());
    }

    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) return "(none)";
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
