package io.vigil.testing;

import io.vigil.runtime.AlertState;
import io.vigil.runtime.AlertStatus;
import io.vigil.runtime.Evaluator;
import io.vigil.runtime.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Collects one rule's history while a backtest runs; {@link #freeze()} turns it into a {@link BacktestResult.RuleHistory}. */
final class Track {
    private final ChartProbes.Plan chart;
    private final List<ChartProbes.Probe> coverageProbes;
    private final Map<String, List<SvgChart.Point>> coverage = new LinkedHashMap<>();
    private final List<BacktestResult.Event> events = new ArrayList<>();
    private final List<BacktestResult.Period> periods = new ArrayList<>();
    private final List<ReplayOutbox.Delivery> deliveries = new ArrayList<>();
    private final Map<String, List<SvgChart.Point>> lines = new LinkedHashMap<>();
    private final Map<Map<String, String>, Instant> openSince = new HashMap<>();
    private long evaluations;
    private long failures;
    private String lastFailure;

    /** @param coverageProbes the label coverage charted beside the rule's quality functions ({@link ChartProbes#coverage}) */
    Track(ChartProbes.Plan chart, List<ChartProbes.Probe> coverageProbes) {
        this.chart = chart;
        this.coverageProbes = List.copyOf(coverageProbes);
    }

    ChartProbes.Plan chart() { return chart; }

    List<ChartProbes.Probe> coverageProbes() { return coverageProbes; }

    List<ReplayOutbox.Delivery> deliveries() { return deliveries; }

    void evaluated(String failure) {
        evaluations++;
        if (failure != null) {
            failures++;
            lastFailure = failure;
        }
    }

    /** Records a transition and closes the pending or firing period it ends. */
    void transition(BacktestResult.Event e) {
        events.add(e);
        Transition t = e.transition();
        if (t.from().isActive()) close(e.labels(), t.from().status(), t.at(), false);
        if (t.to().isActive()) openSince.put(e.labels(), t.at());
    }

    private void close(SortedMap<String, String> labels, AlertStatus status, Instant at, boolean open) {
        Instant since = openSince.remove(labels);
        if (since != null) periods.add(new BacktestResult.Period(labels, status.label(), since, at, open));
    }

    /** Adds each element's value at {@code t}; a line without an element at {@code t} gets a gap there. */
    void plot(String prefix, Instant t, List<Evaluator.Instance> instances) {
        plot(lines, prefix, t, instances);
    }

    /** As {@link #plot}, for the label coverage chart. */
    void plotCoverage(String prefix, Instant t, List<Evaluator.Instance> instances) {
        plot(coverage, prefix, t, instances);
    }

    private static void plot(Map<String, List<SvgChart.Point>> lines, String prefix, Instant t,
                             List<Evaluator.Instance> instances) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Evaluator.Instance i : instances) {
            String label = prefix + LabelText.of(i.labels());
            seen.add(label);
            lines.computeIfAbsent(label, k -> new ArrayList<>()).add(new SvgChart.Point(t, i.value()));
        }
        lines.forEach((label, points) -> {
            if (label.startsWith(prefix) && !seen.contains(label) && Double.isFinite(points.get(points.size() - 1).value())) {
                points.add(new SvgChart.Point(t, Double.NaN));
            }
        });
    }

    /** Closes the periods of instances still active at the end of the range. */
    void finish(Map<Map<String, String>, AlertState> active, Instant end) {
        active.forEach((labels, state) -> close(new TreeMap<>(labels), state.status(), end, true));
    }

    BacktestResult.RuleHistory freeze() {
        periods.sort(java.util.Comparator.comparing(BacktestResult.Period::from));
        String coverageText = String.join(" and ", coverageProbes.stream().map(ChartProbes::coverageText).distinct().toList());
        return new BacktestResult.RuleHistory(chart.rule(), chart, events, periods, deliveries, lines, coverage,
                coverageText, evaluations, failures, lastFailure);
    }
}
