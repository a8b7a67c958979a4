package io.vigil.config;

import io.vigil.label.LabelMatcher;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A recurring silence from {@code silences:}: a window opens at every fire time of a Quartz cron in a
 * zone and stays open for {@code duration}; while open it mutes alerts that match every matcher.
 *
 * @param cron a Quartz cron expression, validated when the config was loaded
 */
public record MaintenanceWindow(String name, String cron, ZoneId zone, Duration duration,
                                List<LabelMatcher> matchers, String comment) {

    public MaintenanceWindow {
        matchers = List.copyOf(matchers);
    }

    /** When an open window containing {@code t} started: the earliest start s with s ≤ t < s + duration. */
    public Optional<Instant> openSince(Instant t) {
        // The first start strictly after t − duration is the only one that can still be open at t.
        Date first = expression().getTimeAfter(Date.from(t.minus(duration)));
        if (first == null || first.toInstant().isAfter(t)) return Optional.empty();
        return Optional.of(first.toInstant());
    }

    /** Whether an alert with these labels is muted at {@code t}. */
    public boolean silences(Map<String, String> labels, Instant t) {
        return matchers.stream().allMatch(m -> m.matches(labels)) && openSince(t).isPresent();
    }

    private CronExpression expression() {
        try {
            CronExpression c = new CronExpression(cron);
            c.setTimeZone(TimeZone.getTimeZone(zone.normalized()));
            return c;
        } catch (ParseException e) {
            throw new IllegalStateException("cron expression was validated at load: " + cron, e);
        }
    }
}
