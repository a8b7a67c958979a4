package io.vigil.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Counters the engine exposes on {@code /metrics} in Prometheus text format. */
public final class EngineMetrics {
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong ruleErrors = new AtomicLong();
    private final AtomicLong groupFailures = new AtomicLong();
    private final DoubleAdder evaluationSeconds = new DoubleAdder();
    private final DoubleAdder operandSeconds = new DoubleAdder();
    private final DoubleAdder conditionSeconds = new DoubleAdder();
    private final AtomicLong transitions = new AtomicLong();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    void evaluated(Evaluator.GroupResult r, double seconds) {
        evaluations.incrementAndGet();
        evaluationSeconds.add(seconds);
        operandSeconds.add(r.operandTime().toNanos() / 1e9);
        conditionSeconds.add(r.conditionTime().toNanos() / 1e9);
        for (Evaluator.RuleResult rule : r.rules()) if (rule.failed()) ruleErrors.incrementAndGet();
    }

    void groupFailed() { groupFailures.incrementAndGet(); }

    void transitions(long n) { transitions.addAndGet(n); }

    /** Adds to a named counter owned by another component (ingest, notifications). */
    public void add(String name, long n) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    /** The metrics in Prometheus text exposition format; {@code alertsByState} comes from the store. */
    public String render(Map<String, Long> alertsByState) {
        StringBuilder out = new StringBuilder();
        counter(out, "vigil_evaluations_total", "Group evaluations completed.", evaluations.get());
        counter(out, "vigil_rule_evaluation_errors_total", "Rule evaluations that failed (operand or matching errors).",
                ruleErrors.get());
        counter(out, "vigil_group_evaluation_failures_total", "Group evaluations that could not be stored.",
                groupFailures.get());
        counter(out, "vigil_evaluation_seconds_total", "Time spent evaluating groups.", evaluationSeconds.sum());
        counter(out, "vigil_evaluation_operand_seconds_total", "Time spent computing operands (store, statistics).",
                operandSeconds.sum());
        counter(out, "vigil_evaluation_condition_seconds_total", "Time spent in Drools.", conditionSeconds.sum());
        counter(out, "vigil_alert_transitions_total", "Alert state transitions recorded.", transitions.get());
        out.append("# HELP vigil_alerts Alert instances by state.\n# TYPE vigil_alerts gauge\n");
        for (String state : new String[] {"pending", "firing"}) {
            out.append("vigil_alerts{state=\"").append(state).append("\"} ")
                    .append(alertsByState.getOrDefault(state, 0L)).append('\n');
        }
        counters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> counter(out, e.getKey(), e.getKey().replace('_', ' ') + ".", e.getValue().get()));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ');
        if (value == Math.rint(value)) out.append((long) value);
        else out.append(value);
        out.append('\n');
    }
}
