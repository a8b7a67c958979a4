package io.vigil.plan;

import io.vigil.label.LabelMatcher;
import io.vigil.label.Quoting;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which features a distribution function reads: {@code feature="a"}, {@code feature=["a", "b"]},
 * {@code feature=~"temp_.*"} (fully anchored, as label regexes) or {@code feature=*}. Compared by
 * value, so equal selections of two rules share one operand.
 *
 * @param names   the features named, in the rule's order; empty for a regex or {@code *}
 * @param pattern the regex as a matcher on the label {@code feature}, or null
 */
public record FeatureSelector(List<String> names, LabelMatcher pattern) {
    public static final FeatureSelector ALL = new FeatureSelector(List.of(), null);

    public FeatureSelector {
        names = List.copyOf(names);
        if (!names.isEmpty() && pattern != null) throw new IllegalArgumentException("names or a pattern, not both");
    }

    public static FeatureSelector named(List<String> names) { return new FeatureSelector(names, null); }

    public static FeatureSelector matching(String regex) {
        return new FeatureSelector(List.of(), LabelMatcher.re("feature", regex));
    }

    /** Whether the selection names its features, so a named baseline lacking one of them is an error. */
    public boolean byName() { return !names.isEmpty(); }

    /** The one feature named, for a store query narrowed to it; null when the selection is wider. */
    public String single() { return names.size() == 1 ? names.get(0) : null; }

    /** Whether {@code feature} is selected. */
    public boolean selects(String feature) {
        if (pattern != null) return pattern.matches(feature);
        return names.isEmpty() || names.contains(feature);
    }

    /** As a rule writes it: {@code feature="a"}, {@code feature=["a", "b"]}, {@code feature=~"t.*"}, {@code feature=*}. */
    public String describe() {
        if (pattern != null) return "feature=~" + Quoting.quote(pattern.value());
        if (names.isEmpty()) return "feature=*";
        if (names.size() == 1) return "feature=" + Quoting.quote(names.get(0));
        return "feature=" + names.stream().map(Quoting::quote).collect(Collectors.joining(", ", "[", "]"));
    }
}
