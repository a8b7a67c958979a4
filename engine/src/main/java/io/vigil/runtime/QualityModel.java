package io.vigil.runtime;

import io.vigil.stats.quality.ModelKind;

/** What the quality functions need to know of a model from vigil.yaml (predictions.md §1). */
public record QualityModel(ModelKind kind, String positiveClass, double threshold) {
    /** A binary model with the contract's defaults: positive class "1", threshold 0.5. */
    public static final QualityModel DEFAULT_BINARY = new QualityModel(ModelKind.BINARY, "1", 0.5);

    /** Whether a binary model's actual or predicted class text is the positive class. */
    public boolean positive(String text) {
        return text.equals("true") || text.equals("1") || text.equals(positiveClass);
    }
}
