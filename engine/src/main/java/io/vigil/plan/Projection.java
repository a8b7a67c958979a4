package io.vigil.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which labels take part in matching two elements (language.md §3.4–3.5): all of them, only the
 * {@code on}/{@code by} labels, or all but the {@code ignoring} labels. Every fact carries the
 * {@link #key} its consumer matches on, so Drools joins by plain string equality.
 */
public record Projection(Mode mode, List<String> labels) {

    /** How {@link #labels} are used. */
    public enum Mode { ALL, ON, IGNORING }

    /** Every label takes part: matching without {@code on}/{@code ignoring}. */
    public static final Projection ALL = new Projection(Mode.ALL, List.of());

    /** No label takes part: everything matches (aggregation without {@code by}, and the root). */
    public static final Projection NONE = new Projection(Mode.ON, List.of());

    public Projection {
        labels = List.copyOf(new java.util.TreeSet<>(labels));
        if (mode == Mode.ALL && !labels.isEmpty()) throw new IllegalArgumentException("ALL takes no labels");
    }

    public static Projection on(List<String> labels) { return new Projection(Mode.ON, labels); }

    public static Projection ignoring(List<String> labels) {
        return labels.isEmpty() ? ALL : new Projection(Mode.IGNORING, labels);
    }

    /** The labels an element keeps after this projection (Prometheus drops empty values, so do we). */
    public SortedMap<String, String> apply(Map<String, String> in) {
        SortedMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : in.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            boolean listed = Collections.binarySearch(labels, e.getKey()) >= 0;
            if (mode == Mode.ALL || (mode == Mode.ON) == listed) out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * An injective text form of the projected labels: two elements match exactly when their keys are
     * equal. A label that is missing counts as empty, as in Prometheus. Values are length-prefixed, so
     * no label value can forge a separator.
     */
    public String key(Map<String, String> in) {
        StringBuilder out = new StringBuilder();
        if (mode == Mode.ON) {
            for (String l : labels) append(out, in.getOrDefault(l, ""));
            return out.toString();
        }
        Map<String, String> sorted = in instanceof SortedMap ? in : new TreeMap<>(in);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (e.getValue().isEmpty() || (mode == Mode.IGNORING && Collections.binarySearch(labels, e.getKey()) >= 0)) {
                continue;
            }
            out.append(e.getKey()).append('=');
            append(out, e.getValue());
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value).append(';');
    }

    /** {@code on(a, b)}, {@code ignoring(a)} or {@code all}, for comments and golden files. */
    public String describe() {
        return switch (mode) {
            case ALL -> "all labels";
            case ON -> "on(" + String.join(", ", labels) + ")";
            case IGNORING -> "ignoring(" + String.join(", ", labels) + ")";
        };
    }
}
