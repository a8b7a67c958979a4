package io.vigil.compile;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.plan.Node;
import io.vigil.plan.Projection;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The condition trees of some plans as {@link Step} facts for the fixed rules of {@code vigil.drl}: one
 * step per node (inputs aside) and one breach step per rule, grouped into levels that the evaluation
 * inserts deepest first. What the rules must not see as text (label names of projections, source
 * positions, the arithmetic operator) stays here, looked up by step id through {@link EvalContext}.
 */
final class StepProgram {

    /**
     * The Java side of a step.
     *
     * @param rule    index of the step's rule in the chunk
     * @param node    the plan node, or null for a breach or constant step
     * @param labels  index of the projection applied to the source element's labels, or -1 to keep them
     * @param key     index of the projection that makes the new key, or -1 to keep the source's key
     * @param level   insertion level: a node's depth, -1 for breach and constant steps
     * @param to      the kind of step that reads what this step produces (null for breach and constant steps)
     */
    record Detail(int rule, Node node, int labels, int key, int level, ChunkLayout.Consumer to) {}

    private final ChunkLayout layout;
    private final List<Step> steps = new ArrayList<>();
    private final List<Detail> details = new ArrayList<>();
    private final List<List<Step>> levels;

    private StepProgram(ChunkLayout layout) {
        this.layout = layout;
        for (int r = 0; r < layout.plans().size(); r++) {
            RulePlan plan = layout.plans().get(r);
            for (Node n : plan.nodes()) node(r, n);
            Node root = plan.root();
            if (root instanceof Node.Constant c) {
                if (c.holds()) add(StepKind.CONSTANT, Relation.NONE, -1, -1, c.value(), -1, new Detail(r, null, -1, -1, -1, null));
            } else {
                add(StepKind.BREACH, Relation.NONE, layout.factNode(r, root), -1, 0, -1, new Detail(r, null, -1, -1, -1, null));
            }
        }
        TreeMap<Integer, List<Step>> byLevel = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Step s : steps) byLevel.computeIfAbsent(details.get(s.id()).level(), k -> new ArrayList<>()).add(s);
        levels = byLevel.values().stream().map(List::copyOf).toList();
    }

    static StepProgram of(ChunkLayout layout) {
        return new StepProgram(layout);
    }

    ChunkLayout layout() { return layout; }

    /** The steps grouped by level, deepest level first: insert one group, fire, then the next. */
    List<List<Step>> byLevel() { return levels; }

    Detail detail(Step s) { return details.get(s.id()); }

    List<Step> steps() { return List.copyOf(steps); }

    private void node(int r, Node n) {
        if (n instanceof Node.Input || n instanceof Node.Constant) return;
        ChunkLayout.Consumer to = layout.consumer(r, n);
        Detail keep = new Detail(r, n, -1, keyFrom(n, childKey(n)), n.depth(), to);
        int out = layout.factNode(r, n);
        if (n instanceof Node.Filter f) {
            add(StepKind.FILTER, Relation.of(n), in(r, f.child()), -1, f.bound() + 0.0, out, keep);
        } else if (n instanceof Node.Scale s) {
            add(StepKind.SCALE, Relation.NONE, in(r, s.child()), -1, s.scalar(), out, keep);
        } else if (n instanceof Node.Apply a) {
            add(StepKind.APPLY, Relation.NONE, in(r, a.child()), -1, a.bound(), out, keep);
        } else if (n instanceof Node.Vector v) {
            int labels = v.matching().equals(Projection.ALL) ? -1 : layout.projection(v.matching());
            add(StepKind.VECTOR, Relation.of(n), in(r, v.left()), in(r, v.right()), 0, out,
                    new Detail(r, n, labels, keep.key(), n.depth(), to));
        } else if (n instanceof Node.SetOp o) {
            add(StepKind.of(n), Relation.NONE, in(r, o.left()), in(r, o.right()), 0, out, keep);
        } else if (n instanceof Node.Aggregate a) {
            add(StepKind.of(n), Relation.NONE, in(r, a.child()), -1, 0, out,
                    new Detail(r, n, layout.projection(a.by()), keep.key(), n.depth(), to));
        }
    }

    /** The projection the elements a node consumes are keyed with. */
    private static Projection childKey(Node n) {
        if (n instanceof Node.Vector v) return v.matching();
        if (n instanceof Node.SetOp o) return o.matching();
        if (n instanceof Node.Aggregate a) return a.by();
        return n.children().isEmpty() ? n.key() : n.children().get(0).key();
    }

    private int keyFrom(Node n, Projection srcKey) {
        return srcKey.equals(n.key()) ? -1 : layout.projection(n.key());
    }

    private int in(int rule, Node child) {
        return layout.factNode(rule, child);
    }

    private void add(StepKind kind, Relation rel, int input, int right, double number, int out, Detail d) {
        steps.add(new Step(steps.size(), kind, rel, input, right, number, out));
        details.add(d);
    }

    /** The arithmetic operator of a scale or vector step. */
    BinaryOp arithmetic(Step s) {
        Node n = details.get(s.id()).node();
        if (n instanceof Node.Scale sc) return sc.op();
        if (n instanceof Node.Vector v) return v.op();
        throw new IllegalArgumentException("step " + s.id() + " does no arithmetic");
    }
}
