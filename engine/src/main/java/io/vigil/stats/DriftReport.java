package io.vigil.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every statistic for one feature, reference against current, with the drift verdict.
 *
 * @param numeric       true for a numeric feature, false for a categorical one
 * @param referenceRows rows on the reference side, nulls included
 * @param currentRows   rows on the current side, nulls included
 * @param values        one entry per {@link Statistic}; {@code DRIFT} holds the selected test's score
 *                      and {@code DRIFT_DETECTED} 1 or 0
 * @param method        the test the default selection picked, or null when none could run
 * @param warnings      things a reader of the numbers should know (e.g. samples too small for a
 *                      fixed PSI threshold, which test stood in for one that needs raw values)
 */
public record DriftReport(boolean numeric, long referenceRows, long currentRows,
                          Map<Statistic, StatValue> values, DriftMethod method, List<String> warnings) {
    public DriftReport {
        EnumMap<Statistic, StatValue> copy = new EnumMap<>(Statistic.class);
        for (Statistic s : Statistic.values()) copy.put(s, values.getOrDefault(s, StatValue.NOT_APPLICABLE));
        values = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(warnings);
    }

    /** The outcome of one statistic. */
    public StatValue get(Statistic statistic) { return values.get(statistic); }

    /** The number of one statistic, empty when it does not apply or could not be computed. */
    public OptionalDouble value(Statistic statistic) { return values.get(statistic).asDouble(); }

    /** The selected test's score ({@code drift}). */
    public StatValue score() { return values.get(Statistic.DRIFT); }

    /** Whether the selected test crossed its threshold; false when no test could run. */
    public boolean detected() { return value(Statistic.DRIFT_DETECTED).orElse(0) == 1; }
}
