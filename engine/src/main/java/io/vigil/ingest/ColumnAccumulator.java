package io.vigil.ingest;

import com.fasterxml.jackson.core.io.NumberInput;
import io.vigil.stats.FeatureSample;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects one CSV column while the file streams by: numbers into a growing {@code double[]} for as
 * long as every value is a number, category counts otherwise. A column that turns out not to be
 * numeric after some numbers were already parsed is marked {@link #lostNumbers()}: the original text
 * of those numbers is gone, so the reader reads the column again as categorical.
 */
final class ColumnAccumulator {
    private final boolean categoricalOnly;
    private double[] numbers = new double[1024];
    private int numberCount;
    private Map<String, long[]> categories;
    private long nulls;
    private boolean lostNumbers;

    ColumnAccumulator(boolean categoricalOnly) {
        this.categoricalOnly = categoricalOnly;
        if (categoricalOnly) categories = new HashMap<>();
    }

    /** Adds one cell, already trimmed: {@code len == 0} is a null. */
    void add(char[] buf, int off, int len) {
        if (len == 0) {
            nulls++;
            return;
        }
        if (lostNumbers) return;
        if (categories == null) {
            if (DecimalSyntax.isNumber(buf, off, len)) {
                double v = NumberInput.parseDouble(buf, off, len, true);
                if (Double.isFinite(v)) {
                    if (numberCount == numbers.length) numbers = Arrays.copyOf(numbers, numbers.length * 2);
                    numbers[numberCount++] = v;
                    return;
                }
            }
            if (numberCount > 0) {
                lostNumbers = true;
                numbers = null;
                return;
            }
            categories = new HashMap<>();
        }
        categories.computeIfAbsent(new String(buf, off, len), k -> new long[1])[0]++;
    }

    /** Grows the number buffer to {@code rows} now, so a large file is not copied at every doubling. */
    void reserve(long rows) {
        if (numbers != null && categories == null && rows > numbers.length && rows < Integer.MAX_VALUE - 8) {
            numbers = Arrays.copyOf(numbers, (int) rows);
        }
    }

    /** True when the column must be read again as categorical (see class comment). */
    boolean lostNumbers() { return lostNumbers; }

    FeatureSample toSample() {
        if (categories == null && !categoricalOnly) {
            return new FeatureSample.Numeric(Arrays.copyOf(numbers, numberCount), nulls);
        }
        Map<String, Long> counts = new HashMap<>(categories.size() * 2);
        categories.forEach((k, v) -> counts.put(k, v[0]));
        return new FeatureSample.Categorical(counts, nulls);
    }
}
