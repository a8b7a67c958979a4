package io.vigil.testing;

import io.vigil.check.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers a person asks of a backtested rule: how often it fired, for how long in total and at most,
 * and what it would have sent and run (with what silences and cooldowns held back).
 *
 * @param notifications channel → "2 firing, 1 repeat, 2 resolved"
 * @param actions       action → "1 run, 1 held back (cooldown)"
 */
public record RuleSummary(long fired, Duration firing, Duration longest, Map<String, String> notifications,
                          Map<String, String> actions, long evaluations, long failures) {

    public static RuleSummary of(BacktestResult.RuleHistory h) {
        long fired = h.events().stream().filter(e -> e.state().equals("firing")).count();
        Duration total = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (BacktestResult.Period p : h.firing()) {
            total = total.plus(p.length());
            if (p.length().compareTo(longest) > 0) longest = p.length();
        }
        Map<String, Map<String, Long>> notes = new TreeMap<>();
        Map<String, Map<String, Long>> runs = new TreeMap<>();
        for (ReplayOutbox.Delivery d : h.deliveries()) {
            // The outbox words why: "cooldown 1d of ..." (skipped) or "suppressed by ..." (a silence).
            String what = d.sent() ? d.kind() : "held back (" + (d.skipped().startsWith("cooldown") ? "cooldown" : "silenced") + ")";
            (d.type() == ReplayOutbox.Type.NOTIFY ? notes : runs).computeIfAbsent(d.target(), k -> new TreeMap<>())
                    .merge(what, 1L, Long::sum);
        }
        return new RuleSummary(fired, total, longest, counts(notes), counts(runs), h.evaluations(), h.failures());
    }

    private static Map<String, String> counts(Map<String, Map<String, Long>> byTarget) {
        Map<String, String> out = new TreeMap<>();
        byTarget.forEach((target, kinds) -> {
            List<String> parts = new ArrayList<>();
            for (String k : List.of("firing", "repeat", "resolved", "run", "approval")) {
                Long n = kinds.remove(k);
                if (n != null) parts.add(n + " " + (k.equals("approval") ? "awaiting approval" : k));
            }
            kinds.forEach((k, n) -> parts.add(n + " " + k));
            out.put(target, String.join(", ", parts));
        });
        return out;
    }

    /** Days and hours for long spans ({@code 152d 4h}), the rule-file form below two days ({@code 1h30m}). */
    public static String duration(Duration d) {
        if (d.compareTo(Duration.ofDays(2)) < 0) return Durations.format(d.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return d.toDays() + "d" + (d.toHoursPart() == 0 ? "" : " " + d.toHoursPart() + "h");
    }
}
