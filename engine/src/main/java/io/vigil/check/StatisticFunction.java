package io.vigil.check;

import java.util.EnumSet;
import java.util.Set;

/**
 * One statistic function of the language — everything the checker, the planner, the operand source
 * and the docs need to know about it, in one entry of {@link StatisticRegistry}.
 *
 * @param family        where its values come from; decides planning and the operand source
 * @param kind          what its number means (p-value, distance, share, …)
 * @param needsBaseline whether it compares against a reference; then a rule without {@code baseline=}
 *                      takes the model's default, and the checker requires one to be known
 * @param bounded       values lie in [0, 1], so a threshold outside it is warned about
 * @param args          the named arguments it accepts
 * @param required      the named arguments a call must give (a subset of {@code args})
 * @param grouped       whether {@code by (...)} may follow the call
 */
public record StatisticFunction(String name, StatisticFamily family, StatisticKind kind, boolean needsBaseline,
                                boolean bounded, Set<NamedArg> args, Set<NamedArg> required, boolean grouped) {

    public StatisticFunction {
        args = Set.copyOf(args);
        required = Set.copyOf(required);
        if (!args.containsAll(required)) throw new IllegalArgumentException(name + ": a required argument is not accepted");
    }

    /**
     * An entry with its family's arguments; it needs a baseline, is unbounded and takes no {@code by}
     * until the withers below say otherwise.
     */
    public static StatisticFunction of(String name, StatisticFamily family, StatisticKind kind) {
        return new StatisticFunction(name, family, kind, true, false, family.args(), family.required(), false);
    }

    /** Looks at the current window only. */
    public StatisticFunction withoutBaseline() {
        return new StatisticFunction(name, family, kind, false, bounded, args, required, grouped);
    }

    /** Values lie in [0, 1]. */
    public StatisticFunction inUnitInterval() {
        return new StatisticFunction(name, family, kind, needsBaseline, true, args, required, grouped);
    }

    /** Accepts {@code by (...)} after the call. */
    public StatisticFunction withGrouping() {
        return new StatisticFunction(name, family, kind, needsBaseline, bounded, args, required, true);
    }

    /** Accepts these named arguments besides its family's (e.g. {@code bound=} for some quality metrics). */
    public StatisticFunction plus(NamedArg... more) {
        Set<NamedArg> a = EnumSet.copyOf(args);
        a.addAll(Set.of(more));
        return new StatisticFunction(name, family, kind, needsBaseline, bounded, a, required, grouped);
    }

    /** Does not accept these of its family's named arguments. */
    public StatisticFunction minus(NamedArg... fewer) {
        Set<NamedArg> a = EnumSet.copyOf(args);
        Set.of(fewer).forEach(a::remove);
        return new StatisticFunction(name, family, kind, needsBaseline, bounded, a, required, grouped);
    }

    public boolean accepts(NamedArg arg) { return args.contains(arg); }

    /** Whether this is a p-value, for the {@code > 0.5} warning. */
    public boolean isPValue() { return kind == StatisticKind.P_VALUE; }
}
