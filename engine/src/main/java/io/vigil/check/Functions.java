package io.vigil.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalogue of built-in functions (language.md §3.2–3.5): name → kind and positional signature.
 * The statistics among them come from {@link StatisticRegistry}.
 */
public final class Functions {

    /**
     * One built-in.
     *
     * @param params    positional parameter types; for window functions {@code SERIES} means a selector of
     *                  stored samples. Statistics take named arguments only.
     * @param statistic for {@link FunctionKind#STATISTIC}, its registry entry; otherwise null
     */
    public record Function(String name, FunctionKind kind, List<Type> params, StatisticFunction statistic) {}

    private static final Map<String, Function> ALL = new TreeMap<>();

    static {
        for (String n : List.of("avg", "min", "max", "sum", "count", "stddev", "delta", "change", "zscore", "absent")) {
            add(n, FunctionKind.WINDOW, Type.SERIES, Type.DURATION);
        }
        add("quantile", FunctionKind.WINDOW, Type.SCALAR, Type.SERIES, Type.DURATION);
        add("last", FunctionKind.WINDOW, Type.SERIES);
        for (StatisticFunction f : StatisticRegistry.all()) ALL.put(f.name(), new Function(f.name(), FunctionKind.STATISTIC, List.of(), f));
        for (String n : List.of("max_of", "min_of", "avg_of", "sum_of", "count_of")) {
            add(n, FunctionKind.AGGREGATION, Type.SERIES);
        }
        add("prior", FunctionKind.BASELINE_WINDOW, Type.DURATION);
        // SERIES stands for "a number or a series set" here: the result has the argument's type.
        for (ElementFunction f : ElementFunction.values()) {
            if (f.takesBound()) add(f.text(), FunctionKind.ELEMENTWISE, Type.SERIES, Type.SCALAR);
            else add(f.text(), FunctionKind.ELEMENTWISE, Type.SERIES);
        }
    }

    private Functions() {}

    private static void add(String name, FunctionKind kind, Type... params) {
        ALL.put(name, new Function(name, kind, List.of(params), null));
    }

    /** The built-in called {@code name}, or null. */
    public static Function lookup(String name) { return ALL.get(name); }

    public static Set<String> names() { return ALL.keySet(); }
}
