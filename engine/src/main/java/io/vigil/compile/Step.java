package io.vigil.compile;

/**
 * One node of a rule's condition tree as a fact: the fixed rules of {@code vigil.drl} match steps and
 * the {@link Value}s of their inputs, so a rule set is data for one KieBase, not code to compile.
 *
 * @param id       index in its {@link StepProgram}, where the Java-side details (labels, rule, source) stay
 * @param input    fact node of the (left) input
 * @param right    fact node of the right input, or -1
 * @param number   the bound of a filter or the scalar of a scale (−0.0 made +0.0 for filters)
 * @param out      fact node of the elements this step produces, or -1 for breaches
 */
public record Step(int id, StepKind kind, Relation relation, int input, int right, double number, int out) {}
