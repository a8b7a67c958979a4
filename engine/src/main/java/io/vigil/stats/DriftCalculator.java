package io.vigil.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Computes every statistic of statistics.md for one feature, reference against current, and the
 * default drift test: numeric n ≤ 1000 → KS (χ², or z for ≤ 2 values, when ≤ 5 distinct values),
 * numeric n > 1000 → normalised Wasserstein (JS over the values when ≤ 5 distinct values);
 * categorical n ≤ 1000 → χ² (z for ≤ 2 categories), n > 1000 → JS. n is the reference's non-null
 * count. When (B−1)(1/n+1/m) &gt; 0.05 — PSI's expectation under no drift with B bins — a distance
 * would be judged on noise, so the matching p-value test is used instead and a warning says so.
 * Histogram-only data cannot give KS or Wasserstein: χ² or JS on the baseline bins stand in, named
 * in the report.
 */
public final class DriftCalculator {
    /** Largest reference size for which the p-value tests are the default. */
    public static final long SMALL_SAMPLE = 1000;
    /** Numeric features with at most this many distinct values are tested like categories. */
    public static final int FEW_VALUES = 5;
    /** Above this PSI null expectation, drift uses p-value tests. */
    public static final double PSI_NOISE_LIMIT = 0.05;

    private DriftCalculator() {}

    /** Compares two samples. */
    public static DriftReport compare(FeatureSample reference, FeatureSample current) {
        return compare(PreparedSample.of(reference), PreparedSample.of(current));
    }

    /** Compares a prepared reference (e.g. a baseline reused across windows) with a prepared window. */
    public static DriftReport compare(PreparedSample reference, PreparedSample current) {
        Map<Statistic, StatValue> values = new EnumMap<>(Statistic.class);
        List<String> warnings = new ArrayList<>();
        long currentRows = current.sample().rows();
        values.put(Statistic.NULL_RATE, currentRows == 0 ? StatValue.unavailable("the current data has no rows")
                : StatValue.of((double) current.nulls() / currentRows));
        DriftMethod method = null;
        if (reference.isNumeric() != current.isNumeric()) {
            String why = "the reference is " + kind(reference) + " but the current data is " + kind(current);
            fillUnavailable(values, why);
        } else if (reference.size() == 0 || current.size() == 0) {
            fillUnavailable(values, reference.size() == 0 ? "the reference has no non-null values"
                    : "the current data has no non-null values");
        } else if (reference.isNumeric()) {
            method = new NumericComparison(reference, current, values, warnings).run();
        } else {
            method = categorical(reference, current, values, warnings);
        }
        if (method == null && !values.containsKey(Statistic.DRIFT)) {
            values.put(Statistic.DRIFT, StatValue.unavailable("no drift test could run"));
        }
        StatValue score = values.get(Statistic.DRIFT);
        values.put(Statistic.DRIFT_DETECTED, method != null && score instanceof StatValue.Value v
                ? StatValue.of(method.detects(v.value()) ? 1 : 0) : score);
        return new DriftReport(reference.isNumeric(), reference.sample().rows(), currentRows, values, method, warnings);
    }

    private static String kind(PreparedSample s) { return s.isNumeric() ? "numeric" : "categorical"; }

    private static void fillUnavailable(Map<Statistic, StatValue> values, String why) {
        for (Statistic s : Statistic.values()) values.putIfAbsent(s, StatValue.unavailable(why));
    }

    private static DriftMethod categorical(PreparedSample reference, PreparedSample current,
                                           Map<Statistic, StatValue> values, List<String> warnings) {
        SortedMap<String, Long> ref = reference.categories();
        SortedMap<String, Long> cur = current.categories();
        TreeSet<String> union = new TreeSet<>(CategoryOrder.INSTANCE);
        union.addAll(ref.keySet());
        union.addAll(cur.keySet());
        double[] refCounts = new double[union.size()];
        double[] curCounts = new double[union.size()];
        double unseen = 0;
        int i = 0;
        for (String category : union) {
            refCounts[i] = ref.getOrDefault(category, 0L);
            curCounts[i] = cur.getOrDefault(category, 0L);
            if (refCounts[i] == 0) unseen += curCounts[i];
            i++;
        }
        double n = reference.size();
        double m = current.size();
        values.put(Statistic.UNSEEN_RATE, StatValue.of(unseen / m));
        putBinned(values, refCounts, curCounts);
        values.put(Statistic.LINF, StatValue.of(BinDistances.linf(refCounts, curCounts)));
        StatValue chi2 = chiSquare(refCounts, curCounts);
        values.put(Statistic.CHI2_PVALUE, chi2);

        DriftMethod pTest = union.size() <= 2 ? DriftMethod.Z : DriftMethod.CHI2;
        DriftMethod method = reference.size() <= SMALL_SAMPLE ? pTest : DriftMethod.JS;
        method = guardSmallSamples(method, pTest, union.size(), n, m, warnings);
        values.put(Statistic.DRIFT, switch (method) {
            case Z -> StatValue.of(TwoProportionZTest.test(refCounts[0], n, curCounts[0], m).pValue());
            case CHI2 -> chi2;
            default -> values.get(Statistic.JS);
        });
        return method;
    }

    /** Puts PSI, KL, JS and Hellinger of two count vectors over the same bins. */
    static void putBinned(Map<Statistic, StatValue> values, double[] refCounts, double[] curCounts) {
        values.put(Statistic.PSI, StatValue.of(BinDistances.psi(refCounts, curCounts)));
        values.put(Statistic.KL, StatValue.of(BinDistances.kl(refCounts, curCounts)));
        values.put(Statistic.JS, StatValue.of(BinDistances.js(refCounts, curCounts)));
        values.put(Statistic.HELLINGER, StatValue.of(BinDistances.hellinger(refCounts, curCounts)));
    }

    /** χ² p-value over the categories present on either side. */
    static StatValue chiSquare(double[] refCounts, double[] curCounts) {
        int kept = 0;
        double[] r = new double[refCounts.length];
        double[] c = new double[curCounts.length];
        for (int i = 0; i < refCounts.length; i++) {
            if (refCounts[i] + curCounts[i] > 0) {
                r[kept] = refCounts[i];
                c[kept++] = curCounts[i];
            }
        }
        ChiSquareTest.Result result = ChiSquareTest.homogeneity(Arrays.copyOf(r, kept), Arrays.copyOf(c, kept));
        return result == null ? StatValue.unavailable("a single category on both sides has no χ² test (no drift)")
                : StatValue.of(result.pValue());
    }

    /**
     * Swaps a distance for its p-value test when PSI's no-drift expectation (B−1)(1/n+1/m) exceeds 0.05,
     * and records a warning whenever it does.
     */
    static DriftMethod guardSmallSamples(DriftMethod method, DriftMethod pTest, int bins, double n, double m,
                                         List<String> warnings) {
        double expected = (bins - 1) * (1 / n + 1 / m);
        if (expected <= PSI_NOISE_LIMIT) return method;
        warnings.add(String.format(Locale.ROOT, "samples too small for a fixed PSI threshold: with %d bins, "
                + "n=%d and m=%d PSI averages about %.3g without any drift", bins, (long) n, (long) m, expected));
        if (method.isPValue()) return method;
        warnings.add("drift uses the " + pTest.label() + " test instead of " + method.label()
                + " because the samples are small");
        return pTest;
    }
}
