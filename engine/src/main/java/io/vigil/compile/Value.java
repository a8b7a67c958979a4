package io.vigil.compile;

import java.util.SortedMap;

/**
 * One element of a series set inside the rule engine: the runtime inserts one per operand value, the
 * rules of vigil.drl insert one per element of each intermediate result.
 *
 * @param node     which input or condition-tree node of the chunk this element belongs to
 * @param consumer the kind of step that reads the element, and {@code relation} its relation: the first,
 *                 alpha-indexed constraints of every pattern, so an element enters only the memories of
 *                 the rules that can use it instead of every rule's
 * @param labels the element's labels, sorted
 * @param key    the labels its consumer matches on, as {@link io.vigil.plan.Projection#key} text
 * @param seq    unique within one evaluation; picks one representative element per aggregation group
 */
public record Value(StepKind consumer, Relation relation, int node, SortedMap<String, String> labels, String key,
                    double value, long seq) {

    /**
     * Whether the value is NaN. Drools compares boxed doubles with {@code compareTo}, under which NaN is
     * greater than everything and NaN == NaN, so every comparison in vigil.drl first requires {@code nan == false}.
     */
    public boolean isNan() { return Double.isNaN(value); }

    /**
     * The value for comparisons: {@code -0.0} made {@code +0.0}, because {@code compareTo} (and alpha-node
     * hashing) tell them apart while IEEE 754 says they are equal. Arithmetic uses the exact {@link #value}.
     */
    public double cmp() { return value + 0.0; }

}
