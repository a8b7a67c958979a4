package io.vigil.store;

import java.util.Objects;

/** What identifies one series: its model, metric name and label set (the model is not a label here). */
public record SeriesKey(String model, String name, Labels labels) {
    public SeriesKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
    }
}
