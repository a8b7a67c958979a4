package io.vigil.notify;

import io.vigil.label.LabelMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A one-off silence: while {@code startsAt <= t < endsAt}, notifications and action runs of alerts
 * matching every matcher are suppressed (and recorded as such).
 *
 * @param endedBy who ended it early with DELETE, or null
 */
public record Silence(long id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String comment,
                      String createdBy, Instant createdAt, String endedBy) {
    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** Whether it mutes an alert with these labels (model, rule and severity included) at {@code t}. */
    public boolean mutes(Map<String, String> labels, Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt) && matchers.stream().allMatch(m -> m.matches(labels));
    }

    /**
     * Splits {@code model=churn,segment=EU} at the commas outside double quotes, so a quoted regex may
     * hold commas ({@code version=~"3\\.(1|2),?"}).
     */
    public static List<String> split(String matchers) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < matchers.length(); i++) {
            char c = matchers.charAt(i);
            if (c == '\\' && quoted && i + 1 < matchers.length()) {
                current.append(c).append(matchers.charAt(++i));
                continue;
            }
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString().strip());
        return out;
    }

    /** {@code active}, {@code pending} (starts later) or {@code expired}, as of {@code now}. */
    public String state(Instant now) {
        if (now.isBefore(startsAt)) return "pending";
        return now.isBefore(endsAt) ? "active" : "expired";
    }
}
