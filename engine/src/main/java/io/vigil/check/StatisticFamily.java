package io.vigil.check;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a statistic function's values come from, which decides how it is planned (the operand it
 * becomes) and which operand source computes it. Every consumer switches over the families
 * exhaustively, so a new family cannot be forgotten in one of them.
 */
public enum StatisticFamily {
    /**
     * Drift and data quality of one feature's distributions: the current window's snapshots, against
     * a baseline for the comparing statistics. Planned as {@code Operand.Distribution}, computed by
     * {@code runtime.StoreOperands} with {@code stats.DriftCalculator} under {@code stats.Statistic}
     * of the same name. One element per feature, labelled {@code feature}.
     */
    FEATURE_DISTRIBUTION(EnumSet.of(NamedArg.FEATURE, NamedArg.BASELINE, NamedArg.WINDOW), EnumSet.of(NamedArg.FEATURE)),
    /**
     * Model quality from predictions joined with the outcomes known at T (predictions.md §3, §4):
     * planned as {@code Operand.Quality}, computed by {@code runtime.QualityOperands} with
     * {@code stats.quality.QualityMetrics} under {@code stats.quality.QualityFunction} of the same name.
     * One element per combination of the {@code by} labels. Each entry adds the arguments its
     * {@code QualityFunction} accepts ({@code class=}, {@code bound=}, {@code reference=}, …).
     */
    MODEL_QUALITY(EnumSet.of(NamedArg.WINDOW, NamedArg.DELAY, NamedArg.LABELS), EnumSet.noneOf(NamedArg.class));

    private final Set<NamedArg> args;
    private final Set<NamedArg> required;

    StatisticFamily(Set<NamedArg> args, Set<NamedArg> required) {
        this.args = Set.copyOf(args);
        this.required = Set.copyOf(required);
    }

    /** The named arguments a member accepts unless its entry says otherwise. */
    public Set<NamedArg> args() { return args; }

    /** The named arguments a call must give. */
    public Set<NamedArg> required() { return required; }
}
