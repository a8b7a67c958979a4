package io.vigil.compile;

import io.vigil.plan.Node;
import io.vigil.plan.Operand;
import io.vigil.plan.Projection;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The numbering of one chunk's facts: which fact node id each input and each intermediate result
 * gets, and the table of label projections that steps refer to by index.
 *
 * Inputs are shared between rules: every (operand, key projection, consuming kind of step) is one
 * fact node, so rules asking the same question see the same facts.
 */
final class ChunkLayout {

    /** One input fact node: the elements of a group operand, keyed for and routed to their consumer's kind of step. */
    record Input(int node, int operand, Operand source, Projection key, StepKind consumer, Relation relation) {}

    /** Which kind of step reads a fact node's elements: its parent's, or BREACH for a rule's root. */
    record Consumer(StepKind kind, Relation relation) {}

    private final List<RulePlan> plans;
    private final List<Projection> projections = new ArrayList<>();
    private final List<Projection> projectionTable = java.util.Collections.unmodifiableList(projections);
    private final Map<Projection, Integer> projectionIds = new HashMap<>();
    private final List<Input> inputs = new ArrayList<>();
    private final Map<Integer, List<Input>> inputsByOperand = new HashMap<>();
    private final int[][] factNodes;
    private final Consumer[][] consumers;
    private int nextNode = 1;

    ChunkLayout(List<RulePlan> plans, ToIntFunction<Operand> operandIndex) {
        this.plans = List.copyOf(plans);
        this.factNodes = new int[plans.size()][];
        this.consumers = new Consumer[plans.size()][];
        for (int r = 0; r < plans.size(); r++) {
            RulePlan plan = plans.get(r);
            List<Node> nodes = plan.nodes();
            factNodes[r] = new int[nodes.size()];
            consumers[r] = new Consumer[nodes.size()];
            consumers[r][plan.root().id()] = new Consumer(StepKind.BREACH, Relation.NONE);
            for (Node n : nodes) {
                if (n instanceof Node.Input || n instanceof Node.Constant) continue;
                for (Node child : n.children()) consumers[r][child.id()] = new Consumer(StepKind.of(n), Relation.of(n));
            }
            for (Node n : nodes) {
                int id = -1;
                if (n instanceof Node.Input in) {
                    Operand o = plan.slots().get(in.slot());
                    id = input(operandIndex.applyAsInt(o), o, in.key(), consumers[r][n.id()]);
                } else if (!(n instanceof Node.Constant)) {
                    id = nextNode++;
                }
                factNodes[r][n.id()] = id;
                register(n.key());
                if (n instanceof Node.Vector v) register(v.matching());
                if (n instanceof Node.SetOp o) register(o.matching());
                if (n instanceof Node.Aggregate a) register(a.by());
            }
        }
    }

    private void register(Projection p) {
        projectionIds.computeIfAbsent(p, k -> {
            projections.add(k);
            return projections.size() - 1;
        });
    }

    private int input(int operand, Operand source, Projection key, Consumer to) {
        for (Input existing : inputsByOperand.getOrDefault(operand, List.of())) {
            if (existing.key().equals(key) && existing.consumer() == to.kind() && existing.relation() == to.relation()) {
                return existing.node();
            }
        }
        Input in = new Input(nextNode++, operand, source, key, to.kind(), to.relation());
        inputs.add(in);
        inputsByOperand.computeIfAbsent(operand, k -> new ArrayList<>()).add(in);
        return in.node();
    }

    List<RulePlan> plans() { return plans; }

    /** The fact node id of a rule's node: the shared input node, or the node its step inserts. */
    int factNode(int rule, Node n) {
        int id = factNodes[rule][n.id()];
        if (id < 0) throw new IllegalArgumentException("node " + n.id() + " of " + plans.get(rule).id() + " has no facts");
        return id;
    }

    /** The kind of step that reads the elements of a rule's node. */
    Consumer consumer(int rule, Node n) {
        return consumers[rule][n.id()];
    }

    /** The index of a projection of this chunk's plans in {@link #projections()}. */
    int projection(Projection p) {
        Integer id = projectionIds.get(p);
        if (id == null) throw new IllegalArgumentException("unregistered " + p);
        return id;
    }

    List<Projection> projections() { return projectionTable; }

    /** The input fact nodes fed by a group operand, or none when no rule of this chunk reads it. */
    List<Input> inputsOf(int operand) { return inputsByOperand.getOrDefault(operand, List.of()); }

    /** All input fact nodes, in numbering order. */
    List<Input> inputs() { return List.copyOf(inputs); }
}
