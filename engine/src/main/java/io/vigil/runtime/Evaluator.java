package io.vigil.runtime;

import io.vigil.compile.Breach;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.Inputs;
import io.vigil.compile.RuleOutcome;
import io.vigil.plan.Operand;
import io.vigil.plan.RulePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * evaluate(group, T): computes the group's operands from the store, lets Drools decide which elements
 * breach, and explains each breach. A pure function of (rule set, store contents, T): live runs,
 * catch-up, {@code vigil eval}, rule tests and backtests all call this and nothing else.
 */
public final class Evaluator {
    /** Operand elements quoted per operand in an explanation; more would bury the one that matters. */
    private static final int MAX_DETAILS = 5;

    private final OperandSource source;

    public Evaluator(OperandSource source) {
        this.source = source;
    }

    /** One rule's result: its breaching instances with explanations, or the errors that made it fail. */
    public record RuleResult(RulePlan plan, List<Instance> instances, List<String> errors) {
        public boolean failed() { return !errors.isEmpty(); }
    }

    /** One breaching alert instance. */
    public record Instance(SortedMap<String, String> labels, double value, Explanation explanation) {}

    /** Every rule's result of one evaluation of a group, with where the time went. */
    public record GroupResult(CompiledGroup group, Instant t, List<RuleResult> rules, Duration operandTime,
                              Duration conditionTime) {}

    public GroupResult evaluate(CompiledGroup group, Instant t) {
        long start = System.nanoTime();
        Inputs inputs = group.newInputs();
        List<Operand> operands = group.operands();
        List<List<OperandValue>> values = new ArrayList<>(operands.size());
        for (int i = 0; i < operands.size(); i++) {
            List<OperandValue> v = List.of();
            try {
                v = source.compute(group.model(), operands.get(i), t);
                for (OperandValue e : v) inputs.add(i, e.labels(), e.value());
            } catch (OperandException e) {
                inputs.fail(i, operands.get(i).describe() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // A bug or a database failure in one operand must not take the other rules down with it.
                inputs.fail(i, operands.get(i).describe() + ": " + e);
            }
            values.add(v);
        }
        long mid = System.nanoTime();
        List<RuleOutcome> outcomes = group.evaluate(inputs);
        long end = System.nanoTime();
        List<RuleResult> results = new ArrayList<>(outcomes.size());
        List<OperandElements> elements = new ArrayList<>(values.size());
        for (List<OperandValue> v : values) elements.add(new OperandElements(v));
        for (RuleOutcome o : outcomes) {
            List<Instance> instances = new ArrayList<>();
            if (!o.failed()) {
                for (Breach b : o.breaches()) {
                    instances.add(new Instance(b.labels(), b.value(), explain(o.plan(), b.labels(), operands, elements)));
                }
            }
            results.add(new RuleResult(o.plan(), instances, o.errors()));
        }
        return new GroupResult(group, t, results, Duration.ofNanos(mid - start), Duration.ofNanos(end - mid));
    }

    private static Explanation explain(RulePlan plan, SortedMap<String, String> labels, List<Operand> operands,
                                       List<OperandElements> elements) {
        List<Explanation.OperandDetail> details = new ArrayList<>();
        for (Operand slot : plan.slots()) {
            int i = operands.indexOf(slot);
            if (i < 0) continue;
            for (OperandValue v : elements.get(i).compatibleWith(labels, MAX_DETAILS)) {
                details.add(new Explanation.OperandDetail(slot.describe(), v.labels(), v.value(), v.note()));
            }
        }
        return new Explanation(plan.rule().when().span().text(), plan.rule().baseline(), details);
    }
}
