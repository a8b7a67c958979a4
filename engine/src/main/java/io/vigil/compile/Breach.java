package io.vigil.compile;

import java.util.SortedMap;

/** One element left in a rule's result: an alert instance of the rule at {@code rule} in its group (language.md §3.6). */
public record Breach(int rule, SortedMap<String, String> labels, double value) {}
