package io.vigil.plan;

import io.vigil.check.Durations;
import io.vigil.label.LabelMatcher;
import io.vigil.label.Quoting;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A leaf of a condition that needs data from the store at evaluation time: the runtime computes it and
 * hands in one value per series (or per feature). Records compare by value, so rules of one group that
 * ask the same question share one query.
 */
public sealed interface Operand {

    /** The operand in rule-file syntax, for listings and messages. */
    String describe();

    /** A bare selector or {@code last(s)}: each series' latest sample no older than {@code staleness}. */
    record Latest(SeriesSelector selector, Duration staleness) implements Operand {
        public String describe() { return selector.describe(); }
    }

    /**
     * A window function over (T − range, T] per series (language.md §3.2).
     *
     * @param quantile the q of {@code quantile(q, s, d)}, else null
     */
    record Window(String function, SeriesSelector selector, Duration range, Double quantile, Duration staleness)
            implements Operand {
        public String describe() {
            String q = quantile == null ? "" : Durations.formatNumber(quantile) + ", ";
            return function + "(" + q + selector.describe() + ", " + Durations.format(range) + ")";
        }
    }

    /**
     * A drift or data-quality statistic (language.md §3.3), one element per feature labelled {@code feature}.
     *
     * @param features the features it reads
     * @param baseline the reference data, or null when the rule set names none (the runtime reports it)
     * @param window   current data is what was ingested in (T − window, T]
     * @param by       labels of the distributions to compare group by group ({@code by (...)}); empty pools them
     */
    record Distribution(String function, FeatureSelector features, Baseline baseline, Duration window, List<String> by)
            implements Operand {
        public Distribution {
            by = List.copyOf(by);
        }

        /** Without {@code by}: every distribution of a feature in the window pooled. */
        public Distribution(String function, FeatureSelector features, Baseline baseline, Duration window) {
            this(function, features, baseline, window, List.of());
        }

        public String describe() {
            String b = baseline == null ? "" : ", baseline=" + baseline.describe();
            String g = by.isEmpty() ? "" : " by (" + String.join(", ", by) + ")";
            return function + "(" + features.describe() + b + ", window=" + Durations.format(window) + ")" + g;
        }
    }

    /** A named baseline, or {@code prior(d)}: the data of (T − window − d, T − window]; exactly one is set. */
    record Baseline(String name, Duration prior) {
        public static Baseline named(String name) { return new Baseline(name, null); }

        public static Baseline prior(Duration d) { return new Baseline(null, d); }

        public String describe() { return name != null ? Quoting.quote(name) : "prior(" + Durations.format(prior) + ")"; }
    }

    /**
     * A model-quality function (predictions.md §3, §4) over the predictions made in
     * (T − delay − window, T − delay] joined with the outcomes known at T; one element per combination
     * of the {@code by} labels' values.
     *
     * @param labels     matchers on the predictions' labels ({@code labels={...}})
     * @param classValue {@code class=}, or null for the model's positive class
     * @param threshold  {@code threshold=}, or null for the model's
     * @param bound      "lower", "upper" or null for the point value
     * @param quantile   {@code q=} of label_delay, or null for the median
     * @param reference  CBPE's {@code reference=prior(d)}, or null for other functions
     */
    record Quality(String function, Duration window, Duration delay, List<LabelMatcher> labels, List<String> by,
                   String classValue, Double threshold, String bound, double confidence, Double quantile,
                   Duration reference, boolean calibrate) implements Operand {
        public Quality {
            labels = List.copyOf(labels);
            by = List.copyOf(by);
        }

        public String describe() {
            StringBuilder s = new StringBuilder(function).append("(window=").append(Durations.format(window));
            if (!delay.isZero()) s.append(", delay=").append(Durations.format(delay));
            if (!labels.isEmpty()) {
                s.append(", labels={").append(labels.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ")))
                        .append('}');
            }
            if (classValue != null) s.append(", class=").append(Quoting.quote(classValue));
            if (threshold != null) s.append(", threshold=").append(Durations.formatNumber(threshold));
            if (bound != null) {
                s.append(", bound=").append(bound);
                if (confidence != DEFAULT_CONFIDENCE) s.append(", confidence=").append(Durations.formatNumber(confidence));
            }
            if (quantile != null) s.append(", q=").append(Durations.formatNumber(quantile));
            if (reference != null) s.append(", reference=prior(").append(Durations.format(reference)).append(')');
            if (reference != null && !calibrate) s.append(", calibrate=false");
            s.append(')');
            if (!by.isEmpty()) s.append(" by (").append(String.join(", ", by)).append(')');
            return s.toString();
        }

        /** {@code confidence=} when a rule gives none. */
        public static final double DEFAULT_CONFIDENCE = 0.95;
    }
}
