package io.vigil.compile;

import io.vigil.plan.Node;

/** What a {@link Step} does; each kind is matched by its own rules in {@code vigil.drl}. */
public enum StepKind {
    /** Keeps the elements whose value satisfies {@code relation number}. */
    FILTER,
    /** Arithmetic between each element and the scalar {@code number}. */
    SCALE,
    /** An element-wise function of each element ({@code abs}, {@code clamp_min} with bound {@code number}, …). */
    APPLY,
    /** One-to-one match of two series: arithmetic, or a comparison when {@code relation} is not NONE. */
    VECTOR,
    /** Left elements with a right partner. */
    AND,
    /** Left elements, and right elements without a left partner. */
    OR,
    /** Left elements without a right partner. */
    UNLESS,
    COUNT, SUM, AVG, MAX, MIN,
    /** Turns the elements of a rule's root into its breaches. */
    BREACH,
    /** The one breach of a rule whose condition is a constant that holds. */
    CONSTANT;

    /** The kind of the step a (non-input, non-constant) node becomes. */
    static StepKind of(Node n) {
        if (n instanceof Node.Filter) return FILTER;
        if (n instanceof Node.Scale) return SCALE;
        if (n instanceof Node.Apply) return APPLY;
        if (n instanceof Node.Vector) return VECTOR;
        if (n instanceof Node.SetOp o) {
            return switch (o.op()) {
                case AND -> AND;
                case OR -> OR;
                case UNLESS -> UNLESS;
                default -> throw new IllegalArgumentException(o.op().symbol);
            };
        }
        if (n instanceof Node.Aggregate a) {
            return switch (a.function()) {
                case "count_of" -> COUNT;
                case "sum_of" -> SUM;
                case "avg_of" -> AVG;
                case "max_of" -> MAX;
                case "min_of" -> MIN;
                default -> throw new IllegalArgumentException(a.function());
            };
        }
        throw new IllegalArgumentException("no step for " + n);
    }
}
