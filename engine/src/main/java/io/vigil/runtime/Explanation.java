package io.vigil.runtime;

import java.util.List;
import java.util.SortedMap;

/**
 * Why an alert instance holds: the condition as written and the operand values behind it (with the
 * statistical method and sample sizes for drift statistics).
 *
 * @param condition the rule's {@code when} expression as written in the rule file
 * @param baseline  the baseline the rule's distribution functions default to, or null
 */
public record Explanation(String condition, String baseline, List<OperandDetail> operands) {
    public Explanation { operands = List.copyOf(operands); }

    /** One operand element that matches the instance's labels. */
    public record OperandDetail(String operand, SortedMap<String, String> labels, double value, String note) {}
}
