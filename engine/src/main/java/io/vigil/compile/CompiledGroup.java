package io.vigil.compile;

import io.vigil.check.Schedule;
import io.vigil.plan.Operand;
import io.vigil.plan.RulePlan;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of one model that share a schedule (one scheduled job), compiled: their plans, the distinct
 * operands the runtime must compute for them, and the step programs that evaluate their conditions.
 */
public final class CompiledGroup {
    private final String model;
    private final Schedule schedule;
    private final List<RulePlan> rules;
    private final List<Operand> operands;
    private final List<Chunk> chunks;

    CompiledGroup(String model, Schedule schedule, List<RulePlan> rules, List<Operand> operands, List<Chunk> chunks) {
        this.model = model;
        this.schedule = schedule;
        this.rules = List.copyOf(rules);
        this.operands = List.copyOf(operands);
        this.chunks = List.copyOf(chunks);
    }

    public String model() { return model; }

    public Schedule schedule() { return schedule; }

    /** The group's rules, sorted by id; {@link Breach#rule()} and outcomes index this list. */
    public List<RulePlan> rules() { return rules; }

    /** Every distinct operand of the group's rules; compute each once per evaluation. */
    public List<Operand> operands() { return operands; }

    /** The steps of each chunk of this group, as {@code vigil compile} lists them. */
    public List<String> listings() { return chunks.stream().map(c -> StepListing.of(c.program())).toList(); }

    /** An empty set of operand values for one evaluation. */
    public Inputs newInputs() { return new Inputs(operands.size()); }

    /** Evaluates every rule of the group on the given operand values; one outcome per rule, in {@link #rules()} order. */
    public List<RuleOutcome> evaluate(Inputs inputs) {
        if (inputs.size() != operands.size()) throw new IllegalArgumentException("inputs of another group");
        RuleOutcome[] outcomes = new RuleOutcome[rules.size()];
        for (Chunk c : chunks) c.evaluate(inputs, outcomes);
        return Arrays.asList(outcomes);
    }

    List<Chunk> chunks() { return chunks; }
}
