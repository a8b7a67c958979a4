package io.vigil.stats.quality;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static io.vigil.stats.quality.ModelKind.BINARY;
import static io.vigil.stats.quality.ModelKind.MULTICLASS;
import static io.vigil.stats.quality.ModelKind.REGRESSION;

/**
 * The model-quality functions of the rule language (predictions.md §3, §4) and what each accepts:
 * the model kinds it applies to, whether it is computed for one class ({@code class=}), which
 * interval {@code bound=} uses (none: the checker refuses {@code bound}), and whether it is a CBPE
 * estimate ({@code reference=}, {@code calibrate=}).
 */
public enum QualityFunction {
    ACCURACY(Bound.WILSON, false, BINARY, MULTICLASS),
    PRECISION(Bound.WILSON, true, BINARY, MULTICLASS),
    RECALL(Bound.WILSON, true, BINARY, MULTICLASS),
    F1(Bound.NONE, true, BINARY, MULTICLASS),
    FPR(Bound.WILSON, true, BINARY, MULTICLASS),
    SPECIFICITY(Bound.WILSON, true, BINARY, MULTICLASS),
    AUC(Bound.HANLEY_MCNEIL, true, BINARY, MULTICLASS),
    LOG_LOSS(Bound.NONE, false, BINARY, MULTICLASS),
    BRIER(Bound.NONE, true, BINARY, MULTICLASS),
    CALIBRATION_ERROR(Bound.NONE, true, BINARY, MULTICLASS),
    MAE(Bound.STUDENT_T, false, REGRESSION),
    RMSE(Bound.NONE, false, REGRESSION),
    MAPE(Bound.NONE, false, REGRESSION),
    BIAS(Bound.STUDENT_T, false, REGRESSION),
    R2(Bound.NONE, false, REGRESSION),
    PREDICTIONS(Bound.NONE, false, BINARY, MULTICLASS, REGRESSION),
    LABELLED(Bound.NONE, false, BINARY, MULTICLASS, REGRESSION),
    LABEL_COVERAGE(Bound.WILSON, false, BINARY, MULTICLASS, REGRESSION),
    LABEL_DELAY(Bound.NONE, false, BINARY, MULTICLASS, REGRESSION),
    POSITIVE_RATE(Bound.WILSON, true, BINARY, MULTICLASS),
    ACTUAL_RATE(Bound.WILSON, true, BINARY, MULTICLASS),
    ESTIMATED_ACCURACY(Bound.NONE, false, BINARY),
    ESTIMATED_PRECISION(Bound.NONE, false, BINARY),
    ESTIMATED_RECALL(Bound.NONE, false, BINARY),
    ESTIMATED_F1(Bound.NONE, false, BINARY),
    ESTIMATED_AUC(Bound.NONE, false, BINARY);

    /** How {@code bound=lower|upper} turns the point value into an interval end. */
    public enum Bound { NONE, WILSON, HANLEY_MCNEIL, STUDENT_T }

    private final Bound bound;
    private final boolean perClass;
    private final Set<ModelKind> kinds;

    QualityFunction(Bound bound, boolean perClass, ModelKind first, ModelKind... rest) {
        this.bound = bound;
        this.perClass = perClass;
        this.kinds = EnumSet.of(first, rest);
    }

    /** The name used in rules, e.g. {@code calibration_error}. */
    public String languageName() { return name().toLowerCase(Locale.ROOT); }

    /** The function called {@code name} in the language, or null. */
    public static QualityFunction byLanguageName(String name) {
        for (QualityFunction f : values()) if (f.languageName().equals(name)) return f;
        return null;
    }

    /** The interval behind {@code bound=}; {@link Bound#NONE} when the function refuses it. */
    public Bound bound() { return bound; }

    /** Computed for one class: {@code class=}, required for multiclass models. */
    public boolean perClass() { return perClass; }

    /** The model kinds this function applies to. */
    public Set<ModelKind> kinds() { return kinds; }

    /** A CBPE estimate: takes {@code reference=} and {@code calibrate=}. */
    public boolean estimated() { return name().startsWith("ESTIMATED_"); }

    /** Reads the predicted class, so {@code threshold=} changes it (binary models). */
    public boolean usesPredictedClass() {
        return switch (this) {
            case ACCURACY, PRECISION, RECALL, F1, FPR, SPECIFICITY, POSITIVE_RATE,
                 ESTIMATED_ACCURACY, ESTIMATED_PRECISION, ESTIMATED_RECALL, ESTIMATED_F1 -> true;
            default -> false;
        };
    }

    /** Takes {@code q=} (a quantile in [0, 1]). */
    public boolean takesQuantile() { return this == LABEL_DELAY; }

    /** Needs outcomes: without a joined pair in the window it has no value. */
    public boolean needsOutcomes() {
        return this != PREDICTIONS && this != LABELLED && this != LABEL_COVERAGE && this != POSITIVE_RATE
                && !estimated();
    }
}
