package io.vigil.store;

import io.vigil.label.LabelMatcher;
import java.util.List;
import java.util.Objects;

/**
 * A metric selector as the engine resolved it: the rule's model, the metric name and the label
 * matchers. A matcher on the label {@code model} replaces the rule's model: then the selector sees
 * every model it matches and results carry a {@code model} label (language.md §3.1).
 */
public record Selector(String model, String metric, List<LabelMatcher> matchers) {
    public static final String MODEL_LABEL = "model";

    public Selector {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
        matchers = List.copyOf(matchers);
    }

    public static Selector of(String model, String metric, LabelMatcher... matchers) {
        return new Selector(model, metric, List.of(matchers));
    }

    /** True when a matcher names the {@code model} label. */
    public boolean matchesModels() {
        return matchers.stream().anyMatch(m -> m.label().equals(MODEL_LABEL));
    }

    /** Whether a series of {@code seriesModel} with {@code labels} is selected. */
    public boolean selects(String seriesModel, Labels labels) {
        boolean byModelMatcher = false;
        for (LabelMatcher m : matchers) {
            boolean isModel = m.label().equals(MODEL_LABEL);
            byModelMatcher |= isModel;
            if (!m.matches(isModel ? seriesModel : labels.get(m.label()))) return false;
        }
        return byModelMatcher || seriesModel.equals(model);
    }

    /** Labels of an {@code absent} result: the selector's {@code =} matchers (language.md §3.2). */
    public Labels equalityLabels() {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        for (LabelMatcher lm : matchers) if (lm.op() == LabelMatcher.Op.EQ) m.put(lm.label(), lm.value());
        return Labels.of(m);
    }
}
