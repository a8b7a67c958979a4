package io.vigil.testing;

import io.vigil.check.ResolvedRule;
import io.vigil.runtime.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a backtest found: per rule, every transition in time order, what notify and trigger would have
 * done, the chart series, and how its evaluations went.
 *
 * @param evaluations group evaluations run
 */
public record BacktestResult(Instant from, Instant to, List<RuleHistory> rules, long evaluations, Duration elapsed) {

    public BacktestResult {
        rules = List.copyOf(rules);
    }

    /** One transition of one instance. */
    public record Event(SortedMap<String, String> labels, Transition transition) {
        public Instant at() { return transition.at(); }

        /** pending, firing, resolved, or inactive (pending that stopped holding). */
        public String state() { return transition.kind().name().toLowerCase(java.util.Locale.ROOT); }

        public double value() { return transition.value(); }
    }

    /** A stretch of time an instance spent pending or firing; {@code open} when it still was at the end. */
    public record Period(SortedMap<String, String> labels, String kind, Instant from, Instant to, boolean open) {
        public Duration length() { return Duration.between(from, to); }
    }

    /**
     * One rule over the backtest.
     *
     * @param chart       what its chart draws
     * @param lines       chart series: line label → points in time order
     * @param coverage    label coverage series charted beside a quality rule (same keys as lines); empty for other rules
     * @param coverageExpression the label_coverage call(s) behind {@code coverage}, empty when there are none
     * @param failures    evaluations that failed (changing nothing)
     * @param lastFailure the message of the last failed evaluation, or null
     */
    public record RuleHistory(ResolvedRule rule, ChartProbes.Plan chart, List<Event> events, List<Period> periods,
                              List<ReplayOutbox.Delivery> deliveries, Map<String, List<SvgChart.Point>> lines,
                              Map<String, List<SvgChart.Point>> coverage, String coverageExpression,
                              long evaluations, long failures, String lastFailure) {
        public RuleHistory {
            events = List.copyOf(events);
            periods = List.copyOf(periods);
            deliveries = List.copyOf(deliveries);
            lines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lines));
            coverage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coverage));
        }

        /** Firing periods only. */
        public List<Period> firing() {
            return periods.stream().filter(p -> p.kind().equals("firing")).toList();
        }
    }
}
