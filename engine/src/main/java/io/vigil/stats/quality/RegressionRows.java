package io.vigil.stats.quality;

/**
 * The predictions of a regression model in one window (and group), each with the outcome known at T
 * (NaN when none yet).
 *
 * @param delaySeconds outcome time − prediction time per labelled row (NaN when unlabelled)
 */
public record RegressionRows(double[] predicted, double[] actual, double[] delaySeconds) {

    public RegressionRows {
        if (actual.length != predicted.length || delaySeconds.length != predicted.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + actual.length
                    + " actuals and " + delaySeconds.length + " delays");
        }
    }

    /** Number of predictions. */
    public int size() { return predicted.length; }
}
