package io.vigil.compile;

/** What a {@link Step} does; each kind is matched by its own rules in {@code vigil.drl}. */
public enum StepKind {
    /** Keeps the elements whose value satisfies {@code relation number}. */
    FILTER,
    /** Arithmetic between each element and the scalar {@code number}. */
    SCALE,
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
    CONSTANT
}
