package io.vigil.stats;

/**
 * Puts a histogram's counts onto other bins, assuming the values of each ingested bin spread evenly
 * across it (as TFDV does): a bin straddling a target edge gives each side its share by width. A
 * zero-width bin is a point mass and follows the left-closed rule.
 */
final class HistogramRebinning {
    private HistogramRebinning() {}

    /**
     * Counts of {@code histogram} on the bins given by interior {@code edges}: bin 0 is (−∞, edges[0]),
     * the last is [edges[last], +∞).
     */
    static double[] onto(FeatureSample.Histogram histogram, double[] edges) {
        double[] out = new double[edges.length + 1];
        double[] from = histogram.edges();
        long[] counts = histogram.counts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            double lo = from[i];
            double hi = from[i + 1];
            int first = QuantileBins.binOf(lo, edges);
            if (hi == lo) {
                out[first] += counts[i];
                continue;
            }
            int last = QuantileBins.binOf(hi, edges);
            for (int j = first; j <= last && j < out.length; j++) {
                double binLo = j == 0 ? Double.NEGATIVE_INFINITY : edges[j - 1];
                double binHi = j == edges.length ? Double.POSITIVE_INFINITY : edges[j];
                double overlap = Math.min(binHi, hi) - Math.max(binLo, lo);
                if (overlap > 0) out[j] += counts[i] * (overlap / (hi - lo));
            }
        }
        return out;
    }

    /** The share of the histogram's mass below {@code min} or above {@code max}, by even spread. */
    static double shareOutside(FeatureSample.Histogram histogram, double min, double max) {
        double[] from = histogram.edges();
        long[] counts = histogram.counts();
        double outside = 0;
        double total = 0;
        for (int i = 0; i < counts.length; i++) {
            double lo = from[i];
            double hi = from[i + 1];
            total += counts[i];
            if (hi == lo) {
                if (lo < min || lo > max) outside += counts[i];
                continue;
            }
            double below = Math.max(0, Math.min(hi, min) - lo);
            double above = Math.max(0, hi - Math.max(lo, max));
            outside += counts[i] * ((below + above) / (hi - lo));
        }
        return outside / total;
    }
}
