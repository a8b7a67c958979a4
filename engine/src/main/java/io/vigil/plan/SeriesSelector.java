package io.vigil.plan;

import io.vigil.label.LabelMatcher;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which stored series a selector reads: the rule's model, a metric name and label matchers, as plain
 * data (no spans) so equal selectors of different rules compare equal and share one query.
 *
 * @param model the rule's model; a {@code model="..."} matcher among {@code matchers} overrides it (language.md §3)
 */
public record SeriesSelector(String model, String metric, List<LabelMatcher> matchers) {
    public SeriesSelector { matchers = List.copyOf(matchers); }

    /** The selector as a rule file would write it, e.g. {@code accuracy{segment="EU"}}. */
    public String describe() {
        if (matchers.isEmpty()) return metric;
        return metric + matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
