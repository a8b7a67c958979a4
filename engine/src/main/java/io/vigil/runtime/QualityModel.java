package io.vigil.runtime;

import io.vigil.config.Config;
import io.vigil.stats.quality.ModelKind;

/**
 * What the quality functions need to know of a model from vigil.yaml (predictions.md §1).
 *
 * @param kind null when vigil.yaml declares none: then the predictions say (the field they carry)
 */
public record QualityModel(ModelKind kind, String positiveClass, double threshold) {

    /** The model's settings in {@code config} (null: no config), with the contract's defaults. */
    public static QualityModel of(Config config, String model) {
        Config.ModelSettings m = config == null ? Config.ModelSettings.defaults() : config.model(model);
        return new QualityModel(m.kind(), m.positiveClass(), m.threshold());
    }

    /** Whether a binary model's actual or predicted class text is the positive class. */
    public boolean positive(String text) {
        return text.equals("true") || text.equals("1") || text.equals(positiveClass);
    }

    /** The same model with its kind known. */
    QualityModel withKind(ModelKind k) { return new QualityModel(k, positiveClass, threshold); }
}
