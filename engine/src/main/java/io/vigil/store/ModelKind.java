package io.vigil.store;

import java.util.Locale;

/** What a model predicts (predictions.md §1): each kind has its own prediction field. */
public enum ModelKind {
    /** A probability of the positive class in {@code score}, optionally a predicted {@code class}. */
    BINARY,
    /** A probability per class in {@code scores}, optionally a predicted {@code class}. */
    MULTICLASS,
    /** A number in {@code value}. */
    REGRESSION;

    /** The name vigil.yaml uses: {@code binary}, {@code multiclass}, {@code regression}. */
    public String yamlName() { return name().toLowerCase(Locale.ROOT); }

    /** The prediction field this kind requires. */
    public String field() {
        return switch (this) {
            case BINARY -> "score";
            case MULTICLASS -> "scores";
            case REGRESSION -> "value";
        };
    }
}
