package io.vigil.store;

import java.util.Objects;

/** One element of a query result: the series' labels (without the metric name) and its value. */
public record SeriesValue(Labels labels, double value) {
    public SeriesValue {
        Objects.requireNonNull(labels, "labels");
    }
}
