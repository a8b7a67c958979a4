package io.vigil.stats.quality;

/**
 * The statistical arguments of a quality-function call: the class for per-class metrics (an index of
 * the rows' classes), {@code bound=} (null for the point value), {@code confidence=} and {@code q=}.
 */
public record QualityArguments(int classIndex, Side bound, double confidence, double quantile) {

    /** Which end of the interval {@code bound=} returns. */
    public enum Side { LOWER, UPPER }

    /** The defaults: the positive class (index 1 of a binary model), the point value, 95 %, the median. */
    public static final QualityArguments DEFAULTS = new QualityArguments(1, null, 0.95, 0.5);

    public QualityArguments withClass(int index) { return new QualityArguments(index, bound, confidence, quantile); }

    public QualityArguments withBound(Side side, double level) { return new QualityArguments(classIndex, side, level, quantile); }

    public QualityArguments withQuantile(double q) { return new QualityArguments(classIndex, bound, confidence, q); }
}
