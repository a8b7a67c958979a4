package io.vigil.ingest;

import io.vigil.stats.FeatureSample;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A wide CSV file read into one {@link FeatureSample} per column.
 *
 * @param file     the file read
 * @param rows     number of data rows (the header not counted)
 * @param columns  the columns read, in header order
 * @param features column name → sample ({@link FeatureSample.Numeric} or {@link FeatureSample.Categorical}),
 *                 iterating in header order
 */
public record WideCsv(Path file, long rows, List<String> columns, Map<String, FeatureSample> features) {
    public WideCsv {
        columns = List.copyOf(columns);
        features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
    }

    /** The sample of one column, or null when the file has no such column. */
    public FeatureSample feature(String column) { return features.get(column); }
}
