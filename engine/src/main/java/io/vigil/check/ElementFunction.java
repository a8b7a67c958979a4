package io.vigil.check;

import java.util.Locale;

/**
 * The element-wise functions (language.md §3.4): applied to each element of a series set, or to a
 * scalar, keeping labels, as PromQL's functions of the same names. The one definition of their
 * values: the planner folds scalars with it and the fixed rules' {@code apply} step calls it.
 */
public enum ElementFunction {
    /** |x|. */
    ABS(false),
    /** √x; NaN for x < 0. */
    SQRT(false),
    /** Natural logarithm; −Inf at 0, NaN for x < 0. */
    LN(false),
    /** eˣ. */
    EXP(false),
    /** max(x, bound): values below the bound are raised to it; NaN stays NaN. */
    CLAMP_MIN(true),
    /** min(x, bound): values above the bound are lowered to it; NaN stays NaN. */
    CLAMP_MAX(true);

    private final boolean bounded;

    ElementFunction(boolean bounded) { this.bounded = bounded; }

    /** The name a rule writes, e.g. {@code clamp_min}. */
    public String text() { return name().toLowerCase(Locale.ROOT); }

    /** Whether it takes a scalar bound after the expression: {@code clamp_min(e, 0)}. */
    public boolean takesBound() { return bounded; }

    /** The function's value at {@code x}; {@code bound} is ignored by the one-argument functions. */
    public double apply(double x, double bound) {
        return switch (this) {
            case ABS -> Math.abs(x);
            case SQRT -> Math.sqrt(x);
            case LN -> Math.log(x);
            case EXP -> Math.exp(x);
            // Math.max/min return NaN when either side is NaN, as Go's math.Max/Min do in PromQL.
            case CLAMP_MIN -> Math.max(x, bound);
            case CLAMP_MAX -> Math.min(x, bound);
        };
    }

    /** The function called {@code text}, or null. */
    public static ElementFunction byText(String text) {
        for (ElementFunction f : values()) if (f.text().equals(text)) return f;
        return null;
    }
}
