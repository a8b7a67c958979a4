package io.vigil.compile;

/** Evaluation of the rule at {@code rule} in its group failed, e.g. one-to-one matching met duplicates (language.md §3.4). */
public record EvalError(int rule, String message) {}
