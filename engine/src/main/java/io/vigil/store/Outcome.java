package io.vigil.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The ground truth of one prediction, known from {@code at} on (predictions.md §1). A later outcome of
 * the same id is a correction; both are kept. {@code actualClass} is the class text (a boolean's
 * {@code true}/{@code false}, a number's shortest decimal text), {@code actualValue} the number or NaN.
 */
public record Outcome(String model, String id, Instant at, String actualClass, double actualValue, boolean replace) {
    public Outcome {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actualClass, "actualClass");
    }

    /** A class outcome (string or boolean). */
    public static Outcome ofClass(String model, String id, Instant at, String actual) {
        return new Outcome(model, id, at, actual, Double.NaN, false);
    }

    /** A numeric outcome; its class text is the number's shortest decimal form ({@code 1}, {@code 2.5}). */
    public static Outcome ofNumber(String model, String id, Instant at, double actual) {
        return new Outcome(model, id, at, numberText(actual), actual, false);
    }

    public Outcome replacing() { return new Outcome(model, id, at, actualClass, actualValue, true); }

    /** The shortest decimal text of a number: {@code 1} for 1.0, {@code 0.1} for 0.1. */
    public static String numberText(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException("not a finite number: " + v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
