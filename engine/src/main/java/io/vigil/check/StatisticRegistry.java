package io.vigil.check;

import static io.vigil.check.StatisticFamily.FEATURE_DISTRIBUTION;
import static io.vigil.check.StatisticKind.DISTANCE;
import static io.vigil.check.StatisticKind.FLAG;
import static io.vigil.check.StatisticKind.P_VALUE;
import static io.vigil.check.StatisticKind.QUANTITY;
import static io.vigil.check.StatisticKind.SCORE;
import static io.vigil.check.StatisticKind.SHARE;
import static io.vigil.check.StatisticKind.COUNT;
import static io.vigil.check.StatisticKind.ERROR;
import static io.vigil.check.StatisticKind.QUALITY;

import io.vigil.stats.quality.ModelKind;
import io.vigil.stats.quality.QualityFunction;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one list of statistic functions (language.md §3.3, statistics.md). The checker ({@link
 * Functions}, {@link ExprChecker}, {@link Warnings}), the planner, the operand source
 * ({@code runtime.StoreOperands}) and the docs-table test all read it, so adding a statistic is one
 * entry here plus its computation. A new family (e.g. model quality from predictions) is a
 * {@link StatisticFamily} constant with its arguments, its entries here, and the cases the
 * compiler then demands in the family switches of the checker, planner and operand source.
 */
public final class StatisticRegistry {

    private static final List<StatisticFunction> ENTRIES = List.of(
            drift("psi", DISTANCE),
            drift("kl", DISTANCE),
            drift("js", DISTANCE).inUnitInterval(),
            drift("hellinger", DISTANCE).inUnitInterval(),
            drift("linf", DISTANCE).inUnitInterval(),
            drift("wasserstein", DISTANCE),
            drift("ks", DISTANCE).inUnitInterval(),
            drift("ks_pvalue", P_VALUE).inUnitInterval(),
            drift("chi2_pvalue", P_VALUE).inUnitInterval(),
            drift("drift", SCORE),
            drift("drift_detected", FLAG).inUnitInterval(),
            drift("null_rate", SHARE).inUnitInterval().withoutBaseline(),
            drift("mean", QUANTITY).withoutBaseline(),
            drift("unseen_rate", SHARE).inUnitInterval(),
            drift("out_of_range_rate", SHARE).inUnitInterval(),
            quality(QualityFunction.ACCURACY, SHARE).inUnitInterval(),
            quality(QualityFunction.PRECISION, SHARE).inUnitInterval(),
            quality(QualityFunction.RECALL, SHARE).inUnitInterval(),
            quality(QualityFunction.F1, QUALITY).inUnitInterval(),
            quality(QualityFunction.FPR, SHARE).inUnitInterval(),
            quality(QualityFunction.SPECIFICITY, SHARE).inUnitInterval(),
            quality(QualityFunction.AUC, QUALITY).inUnitInterval(),
            quality(QualityFunction.LOG_LOSS, ERROR),
            quality(QualityFunction.BRIER, ERROR).inUnitInterval(),
            quality(QualityFunction.CALIBRATION_ERROR, ERROR).inUnitInterval(),
            quality(QualityFunction.MAE, ERROR),
            quality(QualityFunction.RMSE, ERROR),
            quality(QualityFunction.MAPE, ERROR),
            quality(QualityFunction.BIAS, ERROR),
            quality(QualityFunction.R2, QUALITY),
            quality(QualityFunction.PREDICTIONS, COUNT),
            quality(QualityFunction.LABELLED, COUNT),
            quality(QualityFunction.LABEL_COVERAGE, SHARE).inUnitInterval(),
            quality(QualityFunction.LABEL_DELAY, QUANTITY),
            quality(QualityFunction.POSITIVE_RATE, SHARE).inUnitInterval(),
            quality(QualityFunction.ACTUAL_RATE, SHARE).inUnitInterval(),
            quality(QualityFunction.ESTIMATED_ACCURACY, QUALITY).inUnitInterval(),
            quality(QualityFunction.ESTIMATED_PRECISION, QUALITY).inUnitInterval(),
            quality(QualityFunction.ESTIMATED_RECALL, QUALITY).inUnitInterval(),
            quality(QualityFunction.ESTIMATED_F1, QUALITY).inUnitInterval(),
            quality(QualityFunction.ESTIMATED_AUC, QUALITY).inUnitInterval());

    private static final Map<String, StatisticFunction> BY_NAME;

    static {
        Map<String, StatisticFunction> m = new LinkedHashMap<>();
        for (StatisticFunction f : ENTRIES) {
            if (m.put(f.name(), f) != null) throw new IllegalStateException("statistic " + f.name() + " registered twice");
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private StatisticRegistry() {}

    private static StatisticFunction drift(String name, StatisticKind kind) {
        return StatisticFunction.of(name, FEATURE_DISTRIBUTION, kind).withGrouping();
    }

    /**
     * A model-quality entry: its family's arguments plus those its {@link QualityFunction} says it takes
     * (so stats.quality stays the one place that knows, e.g., which functions have an interval).
     */
    private static StatisticFunction quality(QualityFunction f, StatisticKind kind) {
        StatisticFunction e = StatisticFunction.of(f.languageName(), StatisticFamily.MODEL_QUALITY, kind)
                .withoutBaseline().withGrouping();
        if (f.perClass()) e = e.plus(NamedArg.CLASS);
        if (f.usesPredictedClass() && f.kinds().contains(ModelKind.BINARY)) e = e.plus(NamedArg.THRESHOLD);
        if (f.bound() != QualityFunction.Bound.NONE) e = e.plus(NamedArg.BOUND, NamedArg.CONFIDENCE);
        if (f.takesQuantile()) e = e.plus(NamedArg.Q);
        if (f.estimated()) e = e.plus(NamedArg.REFERENCE, NamedArg.CALIBRATE);
        return e;
    }

    /** The statistic function called {@code name}, or null. */
    public static StatisticFunction lookup(String name) { return BY_NAME.get(name); }

    /** Every entry, in the order docs/statistics.md lists them. */
    public static Collection<StatisticFunction> all() { return BY_NAME.values(); }
}
