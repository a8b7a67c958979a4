package io.vigil.plan;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.ast.Span;
import io.vigil.check.ElementFunction;
import java.util.List;

/**
 * A node of a rule's condition tree over operand slots, after constant folding: every node yields a
 * series set (only the root may be a {@link Constant}). Ids are the post-order position within the
 * rule; {@code depth} is the distance from the root, and deeper nodes are evaluated first.
 * {@code key} is the projection this node's consumer matches its elements on; nodes that keep their
 * input's labels (filters, arithmetic with a scalar) pass their consumer's projection down to their child.
 */
public sealed interface Node {
    int id();

    int depth();

    Projection key();

    /** The source this node comes from, for listings and error messages. */
    Span span();

    /** The children, left to right. */
    default List<Node> children() { return List.of(); }

    /** The elements of operand slot {@code slot}. */
    record Input(int id, int depth, int slot, Projection key, Span span) implements Node {}

    /**
     * Keeps the elements of {@code child} whose value satisfies {@code value op bound}: a comparison with
     * a scalar (the series side normalised to the left) or one half of {@code between}. The bound is
     * never NaN: a comparison with NaN folds to the empty set.
     */
    record Filter(int id, int depth, Node child, BinaryOp op, double bound, Projection key, Span span)
            implements Node {
        public List<Node> children() { return List.of(child); }
    }

    /** Arithmetic between a series and a scalar: {@code value op scalar}, or {@code scalar op value}. */
    record Scale(int id, int depth, BinaryOp op, Node child, double scalar, boolean scalarLeft, Projection key,
                 Span span) implements Node {
        public List<Node> children() { return List.of(child); }
    }

    /**
     * An element-wise function of each value, labels kept: {@code abs(e)}, {@code clamp_min(e, bound)};
     * {@code bound} is 0 for the one-argument functions.
     */
    record Apply(int id, int depth, ElementFunction function, Node child, double bound, Projection key, Span span)
            implements Node {
        public List<Node> children() { return List.of(child); }
    }

    /**
     * Arithmetic or comparison between two series, matched one to one on {@code matching}; the result
     * has the left element's labels projected by {@code matching}.
     */
    record Vector(int id, int depth, BinaryOp op, Node left, Node right, Projection matching, Projection key,
                  Span span) implements Node {
        public List<Node> children() { return List.of(left, right); }
    }

    /** {@code and}, {@code or}, {@code unless}: many-to-many matching on {@code matching}. */
    record SetOp(int id, int depth, BinaryOp op, Node left, Node right, Projection matching, Projection key,
                 Span span) implements Node {
        public List<Node> children() { return List.of(left, right); }
    }

    /** {@code max_of}, {@code min_of}, {@code avg_of}, {@code sum_of}, {@code count_of}, grouped by {@code by}. */
    record Aggregate(int id, int depth, String function, Node child, Projection by, Projection key, Span span)
            implements Node {
        public List<Node> children() { return List.of(child); }
    }

    /**
     * A condition without operands, folded at plan time (language.md §3.6): when {@code holds}, one
     * instance without labels and with {@code value}. Only ever the root.
     */
    record Constant(int id, int depth, boolean holds, double value, Projection key, Span span) implements Node {}
}
