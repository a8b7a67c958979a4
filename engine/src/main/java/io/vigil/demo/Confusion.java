package io.vigil.demo;

import java.util.OptionalDouble;

/** Counts of rain forecasts against what happened; accuracy, precision and recall are empty when undefined (0/0). */
public record Confusion(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {
    public static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

    /** These counts plus one forecast. */
    public Confusion plus(boolean forecastRain, boolean rained) {
        return new Confusion(truePositives + (forecastRain && rained ? 1 : 0),
                falsePositives + (forecastRain && !rained ? 1 : 0),
                trueNegatives + (!forecastRain && !rained ? 1 : 0),
                falseNegatives + (!forecastRain && rained ? 1 : 0));
    }

    public int total() { return truePositives + falsePositives + trueNegatives + falseNegatives; }

    public OptionalDouble accuracy() { return ratio(truePositives + trueNegatives, total()); }

    /** Share of rain forecasts that were right. */
    public OptionalDouble precision() { return ratio(truePositives, truePositives + falsePositives); }

    /** Share of rainy days that were forecast. */
    public OptionalDouble recall() { return ratio(truePositives, truePositives + falseNegatives); }

    private static OptionalDouble ratio(int numerator, int denominator) {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }
}
