package io.vigil.stats.quality;

import java.util.OptionalDouble;

/**
 * One quality function's result for one group, with what its explanation names.
 *
 * @param value       what the rule compares: the point value, or with {@code bound=} the interval's end;
 *                    empty when undefined (no pairs, a zero denominator) — no element, never a breach
 * @param point       the point value
 * @param interval    the confidence interval with {@code bound=}, else null
 * @param predictions predictions in the window
 * @param labelled    of those, the ones joined with an outcome
 * @param excluded    pairs left out of the value (MAPE: actual = 0)
 */
public record QualityValue(OptionalDouble value, OptionalDouble point, Interval interval,
                           long predictions, long labelled, long excluded) {

    static QualityValue none(long predictions, long labelled) {
        return new QualityValue(OptionalDouble.empty(), OptionalDouble.empty(), null, predictions, labelled, 0);
    }
}
