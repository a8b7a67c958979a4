package io.vigil.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One prediction of a model (predictions.md §1), validated by ingest. Exactly one of {@code score}
 * (binary), {@code scores} (multiclass) and {@code value} (regression) is set; the others are NaN or
 * empty. {@code features} feed the distribution functions at {@code at} with these labels.
 *
 * @param predictedClass the class the model predicted, or null (binary models may omit it)
 * @param replace        whether a stored prediction with this id and other content is replaced
 *                       instead of refused
 */
public record Prediction(String model, String id, Instant at, Labels labels, double score,
                         Map<String, Double> scores, String predictedClass, double value,
                         Map<String, FeatureValue> features, boolean replace) {
    public Prediction {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(labels, "labels");
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        features = features == null ? Map.of() : Map.copyOf(features);
    }

    /** A binary prediction without features. */
    public static Prediction binary(String model, String id, Instant at, Labels labels, double score, String predictedClass) {
        return new Prediction(model, id, at, labels, score, Map.of(), predictedClass, Double.NaN, Map.of(), false);
    }

    /** A multiclass prediction without features. */
    public static Prediction multiclass(String model, String id, Instant at, Labels labels, Map<String, Double> scores,
                                        String predictedClass) {
        return new Prediction(model, id, at, labels, Double.NaN, scores, predictedClass, Double.NaN, Map.of(), false);
    }

    /** A regression prediction without features. */
    public static Prediction regression(String model, String id, Instant at, Labels labels, double value) {
        return new Prediction(model, id, at, labels, Double.NaN, Map.of(), null, value, Map.of(), false);
    }

    public Prediction withFeatures(Map<String, FeatureValue> newFeatures) {
        return new Prediction(model, id, at, labels, score, scores, predictedClass, value, newFeatures, replace);
    }

    public Prediction replacing() {
        return new Prediction(model, id, at, labels, score, scores, predictedClass, value, features, true);
    }

    /** One feature value of a prediction: a number, a category or null (missing). */
    public record FeatureValue(double number, String category) {
        public static final FeatureValue NULL = new FeatureValue(Double.NaN, null);

        public static FeatureValue of(double number) { return new FeatureValue(number, null); }

        public static FeatureValue of(String category) { return new FeatureValue(Double.NaN, Objects.requireNonNull(category)); }

        public boolean isNull() { return category == null && Double.isNaN(number); }

        public boolean isNumber() { return category == null && !Double.isNaN(number); }
    }
}
