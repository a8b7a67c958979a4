package io.vigil.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operand values of one evaluation of a group, as the runtime computed them: per operand (an index
 * into {@link CompiledGroup#operands()}) its elements, or the reason it could not be computed.
 */
public final class Inputs {

    /** One element of an operand's result. */
    record Element(SortedMap<String, String> labels, double value) {}

    private final List<List<Element>> elements;
    private final String[] failures;

    Inputs(int operands) {
        elements = new ArrayList<>(operands);
        for (int i = 0; i < operands; i++) elements.add(new ArrayList<>());
        failures = new String[operands];
    }

    /** Adds one element (labels without the metric name) to operand {@code operand}. Empty label values are dropped. */
    public Inputs add(int operand, Map<String, String> labels, double value) {
        SortedMap<String, String> copy = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (!v.isEmpty()) copy.put(k, v);
        });
        elements.get(operand).add(new Element(Collections.unmodifiableSortedMap(copy), value));
        return this;
    }

    /** Marks operand {@code operand} as failed: every rule reading it fails this evaluation with {@code message}. */
    public Inputs fail(int operand, String message) {
        failures[operand] = message;
        return this;
    }

    List<Element> elements(int operand) { return elements.get(operand); }

    /** Why the operand could not be computed, or null. */
    String failure(int operand) { return failures[operand]; }

    int size() { return failures.length; }
}
