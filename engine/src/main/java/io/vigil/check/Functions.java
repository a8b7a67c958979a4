package io.vigil.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The catalogue of built-in functions (language.md §3.2–3.5): name → kind and positional signature. */
public final class Functions {

    /**
     * One built-in.
     *
     * @param params positional parameter types; for window functions {@code SERIES} means a selector of
     *               stored samples. Distribution functions take named arguments only (see {@link #DISTRIBUTION_ARGS}).
     */
    public record Function(String name, FunctionKind kind, List<Type> params) {}

    /** Distribution functions, whose arguments are all named. */
    public static final List<String> DISTRIBUTION_NAMES = List.of("psi", "ks", "ks_pvalue", "chi2_pvalue", "js",
            "wasserstein", "hellinger", "linf", "kl", "null_rate", "mean", "unseen_rate", "out_of_range_rate",
            "drift", "drift_detected");

    /** Named arguments a distribution function accepts. */
    public static final Set<String> DISTRIBUTION_ARGS = Set.of("feature", "baseline", "window");

    /** Distribution functions that compare against a baseline (the others look at the current window only). */
    public static final Set<String> NEEDS_BASELINE = Set.of("psi", "ks", "ks_pvalue", "chi2_pvalue", "js",
            "wasserstein", "hellinger", "linf", "kl", "unseen_rate", "out_of_range_rate", "drift", "drift_detected");

    /** Statistics bounded to [0, 1], for the out-of-range threshold warning. */
    public static final Set<String> BOUNDED = Set.of("js", "hellinger", "linf", "ks", "ks_pvalue", "chi2_pvalue",
            "null_rate", "unseen_rate", "out_of_range_rate", "drift_detected");

    /** Statistics that are p-values (lower = more drift), for the {@code > 0.5} warning. */
    public static final Set<String> P_VALUES = Set.of("ks_pvalue", "chi2_pvalue");

    private static final Map<String, Function> ALL = new TreeMap<>();

    static {
        for (String n : List.of("avg", "min", "max", "sum", "count", "stddev", "delta", "change", "zscore", "absent")) {
            add(n, FunctionKind.WINDOW, Type.SERIES, Type.DURATION);
        }
        add("quantile", FunctionKind.WINDOW, Type.SCALAR, Type.SERIES, Type.DURATION);
        add("last", FunctionKind.WINDOW, Type.SERIES);
        for (String n : DISTRIBUTION_NAMES) add(n, FunctionKind.DISTRIBUTION);
        for (String n : List.of("max_of", "min_of", "avg_of", "sum_of", "count_of")) {
            add(n, FunctionKind.AGGREGATION, Type.SERIES);
        }
        add("prior", FunctionKind.BASELINE_WINDOW, Type.DURATION);
    }

    private Functions() {}

    private static void add(String name, FunctionKind kind, Type... params) {
        ALL.put(name, new Function(name, kind, List.of(params)));
    }

    /** The built-in called {@code name}, or null. */
    public static Function lookup(String name) { return ALL.get(name); }

    public static Set<String> names() { return ALL.keySet(); }
}
