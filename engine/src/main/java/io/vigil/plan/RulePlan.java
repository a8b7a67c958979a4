package io.vigil.plan;

import io.vigil.check.ResolvedRule;
import io.vigil.check.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * What evaluating one rule takes: its operand slots (the data to fetch) and its condition tree over
 * those slots. Built by {@link Planner}; compiled to Drools rules by {@code io.vigil.compile}.
 *
 * @param slots the rule's distinct operands; {@link Node.Input#slot()} indexes this list
 */
public record RulePlan(ResolvedRule rule, List<Operand> slots, Node root) {
    public RulePlan { slots = List.copyOf(slots); }

    public String id() { return rule.id(); }

    public Schedule schedule() { return rule.schedule(); }

    /** Every node of the tree in post order (children before parents; the root last). */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        for (Node c : n.children()) collect(c, out);
        out.add(n);
    }
}
