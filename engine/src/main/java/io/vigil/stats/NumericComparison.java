package io.vigil.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The numeric half of {@link DriftCalculator}: raw values, histograms, or one of each. */
final class NumericComparison {
    private final PreparedSample reference;
    private final PreparedSample current;
    private final Map<Statistic, StatValue> values;
    private final List<String> warnings;

    NumericComparison(PreparedSample reference, PreparedSample current, Map<Statistic, StatValue> values,
                      List<String> warnings) {
        this.reference = reference;
        this.current = current;
        this.values = values;
        this.warnings = warnings;
    }

    DriftMethod run() {
        double n = reference.size();
        double m = current.size();
        double[] edges = reference.hasRawValues() ? QuantileBins.edges(reference.sorted())
                : interiorEdges(reference.histogram());
        double[] refCounts = countsOn(reference, edges);
        double[] curCounts = countsOn(current, edges);
        DriftCalculator.putBinned(values, refCounts, curCounts);
        values.put(Statistic.LINF, StatValue.NOT_APPLICABLE);
        values.put(Statistic.UNSEEN_RATE, StatValue.NOT_APPLICABLE);
        values.put(Statistic.OUT_OF_RANGE_RATE, StatValue.of(outOfRange()));
        boolean raw = reference.hasRawValues() && current.hasRawValues();
        String rawMissing = "needs raw values on both sides, but the " + (reference.hasRawValues() ? "current data"
                : "reference") + " is a histogram";
        if (raw) {
            KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(reference.sorted(), current.sorted());
            values.put(Statistic.KS, StatValue.of(ks.d()));
            values.put(Statistic.KS_PVALUE, StatValue.of(ks.pValue()));
            values.put(Statistic.WASSERSTEIN, StatValue.of(Wasserstein.normalized(reference.sorted(), current.sorted())));
        } else {
            values.put(Statistic.KS, StatValue.unavailable("ks " + rawMissing));
            values.put(Statistic.KS_PVALUE, StatValue.unavailable("ks_pvalue " + rawMissing));
            values.put(Statistic.WASSERSTEIN, StatValue.unavailable("wasserstein " + rawMissing));
        }
        values.put(Statistic.MEAN, current.hasRawValues()
                ? StatValue.of(PairwiseSum.of(current.sorted()) / m)
                : StatValue.unavailable("mean needs raw values, but the current data is a histogram"));

        double[] distinct = raw ? distinctUnion(reference.sorted(), current.sorted(), DriftCalculator.FEW_VALUES + 1)
                : null;
        boolean fewValues = distinct != null && distinct.length <= DriftCalculator.FEW_VALUES;
        double[] refByValue = fewValues ? countsByValue(reference.sorted(), distinct) : null;
        double[] curByValue = fewValues ? countsByValue(current.sorted(), distinct) : null;
        values.put(Statistic.CHI2_PVALUE, fewValues ? DriftCalculator.chiSquare(refByValue, curByValue)
                : StatValue.NOT_APPLICABLE);

        DriftMethod pTest;
        DriftMethod method;
        if (fewValues) {
            pTest = distinct.length <= 2 ? DriftMethod.Z : DriftMethod.CHI2;
            method = n <= DriftCalculator.SMALL_SAMPLE ? pTest : DriftMethod.JS;
        } else if (raw) {
            pTest = DriftMethod.KS;
            method = n <= DriftCalculator.SMALL_SAMPLE ? pTest : DriftMethod.WASSERSTEIN;
        } else {
            pTest = DriftMethod.CHI2;
            method = n <= DriftCalculator.SMALL_SAMPLE ? pTest : DriftMethod.JS;
            warnings.add("only histograms on one side: drift uses " + method.label()
                    + " on the baseline's bins in place of " + (method == DriftMethod.JS ? "wasserstein" : "ks"));
        }
        method = DriftCalculator.guardSmallSamples(method, pTest, edges.length + 1, n, m, warnings);
        values.put(Statistic.DRIFT, switch (method) {
            case KS -> values.get(Statistic.KS_PVALUE);
            case WASSERSTEIN -> values.get(Statistic.WASSERSTEIN);
            case Z -> StatValue.of(TwoProportionZTest.test(refByValue[0], n, curByValue[0], m).pValue());
            case CHI2 -> fewValues ? values.get(Statistic.CHI2_PVALUE) : DriftCalculator.chiSquare(refCounts, curCounts);
            case JS -> fewValues ? StatValue.of(BinDistances.js(refByValue, curByValue)) : values.get(Statistic.JS);
        });
        return method;
    }

    private static double[] interiorEdges(FeatureSample.Histogram histogram) {
        double[] e = histogram.edges();
        return e.length <= 2 ? new double[0] : Arrays.copyOfRange(e, 1, e.length - 1);
    }

    private static double[] countsOn(PreparedSample side, double[] edges) {
        if (side.hasRawValues()) {
            long[] counts = QuantileBins.counts(side.sorted(), edges);
            double[] out = new double[counts.length];
            for (int i = 0; i < counts.length; i++) out[i] = counts[i];
            return out;
        }
        return HistogramRebinning.onto(side.histogram(), edges);
    }

    private double outOfRange() {
        double min = reference.min();
        double max = reference.max();
        if (!current.hasRawValues()) return HistogramRebinning.shareOutside(current.histogram(), min, max);
        double[] sorted = current.sorted();
        long below = QuantileBins.lowerBound(sorted, min);
        long above = sorted.length - QuantileBins.upperBound(sorted, max);
        return (double) (below + above) / sorted.length;
    }

    /** The distinct values of both sorted arrays, ascending, stopping once {@code limit} are found. */
    static double[] distinctUnion(double[] a, double[] b, int limit) {
        double[] found = new double[limit];
        int count = 0;
        int i = 0;
        int j = 0;
        while ((i < a.length || j < b.length) && count < limit) {
            double v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            found[count++] = v;
            i = QuantileBins.upperBound(a, v);
            j = QuantileBins.upperBound(b, v);
        }
        return Arrays.copyOf(found, count);
    }

    private static double[] countsByValue(double[] sorted, double[] distinct) {
        double[] counts = new double[distinct.length];
        for (int k = 0; k < distinct.length; k++) {
            counts[k] = QuantileBins.upperBound(sorted, distinct[k]) - QuantileBins.lowerBound(sorted, distinct[k]);
        }
        return counts;
    }
}
