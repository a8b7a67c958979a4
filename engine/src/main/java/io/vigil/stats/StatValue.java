package io.vigil.stats;

import java.util.OptionalDouble;

/**
 * The outcome of one statistic for one feature: a number, "does not apply to this feature type"
 * (reported as null), or "cannot be computed from this data" with the reason (an evaluation error on
 * the rule, never a silent number).
 */
public sealed interface StatValue permits StatValue.Value, StatValue.NotApplicable, StatValue.Unavailable {

    /** A computed number. */
    record Value(double value) implements StatValue {}

    /** The statistic is not defined for this feature type (e.g. KS on a categorical feature). */
    record NotApplicable() implements StatValue {}

    /** The statistic applies but this data cannot give it (e.g. KS from histograms only). */
    record Unavailable(String reason) implements StatValue {}

    StatValue NOT_APPLICABLE = new NotApplicable();

    static StatValue of(double value) { return new Value(value); }

    static StatValue unavailable(String reason) { return new Unavailable(reason); }

    /** The number, when there is one. */
    default OptionalDouble asDouble() {
        return this instanceof Value v ? OptionalDouble.of(v.value()) : OptionalDouble.empty();
    }
}
