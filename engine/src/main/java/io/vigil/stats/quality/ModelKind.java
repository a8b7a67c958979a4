package io.vigil.stats.quality;

import java.util.Locale;

/** What a model predicts (predictions.md §1): one kind per model, declared in vigil.yaml. */
public enum ModelKind {
    BINARY, MULTICLASS, REGRESSION;

    /** The name used in vigil.yaml, e.g. {@code binary}. */
    public String configName() { return name().toLowerCase(Locale.ROOT); }

    /** The kind called {@code name} in vigil.yaml, or null. */
    public static ModelKind byConfigName(String name) {
        for (ModelKind k : values()) if (k.configName().equals(name)) return k;
        return null;
    }
}
