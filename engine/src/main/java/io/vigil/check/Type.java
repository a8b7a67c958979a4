package io.vigil.check;

/** The static type of an expression (language.md §3.7). */
public enum Type {
    /** A number known before evaluation (literals and arithmetic on them). */
    SCALAR,
    /** A comparison between two scalars, or {@code not} of one. */
    BOOL,
    /** A set of (labels → number) elements, known only at evaluation time. */
    SERIES,
    DURATION,
    STRING;

    public String describe() {
        return switch (this) {
            case SCALAR -> "a number";
            case BOOL -> "a boolean";
            case SERIES -> "a series set";
            case DURATION -> "a duration";
            case STRING -> "a string";
        };
    }
}
