package io.vigil.stats.quality;

import java.util.Locale;

/**
 * What a model predicts (predictions.md §1), one kind per model, declared in vigil.yaml: the
 * prediction field it sends, and which quality functions apply (see {@link QualityFunction#kinds()}).
 */
public enum ModelKind {
    /** A probability of the positive class in {@code score}, optionally a predicted {@code class}. */
    BINARY,
    /** A probability per class in {@code scores}, optionally a predicted {@code class}. */
    MULTICLASS,
    /** A number in {@code value}. */
    REGRESSION;

    /** The name vigil.yaml uses: {@code binary}, {@code multiclass}, {@code regression}. */
    public String yamlName() { return name().toLowerCase(Locale.ROOT); }

    /** The kind called {@code name} in vigil.yaml, or null. */
    public static ModelKind byYamlName(String name) {
        for (ModelKind k : values()) if (k.yamlName().equals(name)) return k;
        return null;
    }

    /** The prediction field this kind requires. */
    public String field() {
        return switch (this) {
            case BINARY -> "score";
            case MULTICLASS -> "scores";
            case REGRESSION -> "value";
        };
    }
}
