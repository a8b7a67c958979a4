package io.vigil.plan;

import io.vigil.ast.Expr;
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

    /** One matcher: {@code label op "value"}; regexes are fully anchored Java patterns. */
    public record LabelMatcher(String label, Expr.MatchOp op, String value) {
        public String describe() { return label + op.symbol + Quoting.quote(value); }
    }

    /** The selector as a rule file would write it, e.g. {@code accuracy{segment="EU"}}. */
    public String describe() {
        if (matchers.isEmpty()) return metric;
        return metric + matchers.stream().map(LabelMatcher::describe).collect(Collectors.joining(", ", "{", "}"));
    }
}
