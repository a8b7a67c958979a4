package io.vigil.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One operand's elements at one evaluation, found by an instance's labels. An element is compatible
 * with an instance when their labels agree wherever both define a value (it may have produced the
 * instance). Explaining every breach by scanning every element is quadratic — 100 breaching series
 * of a 100-series operand made explanations most of a query_range's time — so when all elements have
 * one label set (the usual case) they are hashed on it and an instance finds its element in one lookup.
 */
final class OperandElements {
    private final List<OperandValue> values;
    /** The label names every element has, or null when elements differ in their label names. */
    private Set<String> names;
    private Map<Map<String, String>, List<OperandValue>> byLabels;

    OperandElements(List<OperandValue> values) {
        this.values = values;
    }

    /** Up to {@code limit} elements compatible with {@code labels}, in the operand's order. */
    List<OperandValue> compatibleWith(SortedMap<String, String> labels, int limit) {
        if (values.size() > limit && index() && labels.keySet().containsAll(names)) {
            Map<String, String> key = new TreeMap<>();
            for (String n : names) key.put(n, labels.get(n));
            List<OperandValue> hit = byLabels.getOrDefault(key, List.of());
            return hit.size() <= limit ? hit : hit.subList(0, limit);
        }
        List<OperandValue> out = new ArrayList<>();
        for (OperandValue v : values) {
            if (!compatible(v.labels(), labels)) continue;
            out.add(v);
            if (out.size() == limit) break;
        }
        return out;
    }

    /** Builds the hash on first use; false when the elements do not share one label set. */
    private boolean index() {
        if (byLabels != null) return names != null;
        byLabels = new HashMap<>();
        names = values.get(0).labels().keySet();
        for (OperandValue v : values) {
            if (!v.labels().keySet().equals(names)) {
                names = null;
                return false;
            }
            byLabels.computeIfAbsent(v.labels(), k -> new ArrayList<>(1)).add(v);
        }
        return true;
    }

    private static boolean compatible(Map<String, String> a, Map<String, String> b) {
        for (var e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (other != null && !other.equals(e.getValue())) return false;
        }
        return true;
    }
}
