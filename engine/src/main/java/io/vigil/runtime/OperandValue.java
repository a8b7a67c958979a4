package io.vigil.runtime;

import java.util.SortedMap;

/**
 * One element of an operand's result at one evaluation: labels, value, and how it was computed
 * (e.g. the drift test chosen), so an alert can explain itself.
 *
 * @param note the method and caveats behind the number ("ks", "samples too small for a fixed PSI
 *             threshold"), or empty
 */
public record OperandValue(SortedMap<String, String> labels, double value, String note) {}
