package io.vigil.check;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A named argument of a statistic function ({@code feature=}, {@code baseline=}, {@code window=}, and the
 * model-quality functions' {@code delay=}, {@code labels=}, {@code class=}, … of predictions.md §3).
 * Which function accepts which is said once, by its {@link StatisticFunction} entry; what value each
 * takes is checked by {@link ExprChecker} and read by the planner.
 */
public enum NamedArg {
    FEATURE("feature=\"name\" | feature=[\"a\", \"b\"] | feature=~\"regex\" | feature=*"),
    BASELINE("baseline=\"name\" | baseline=prior(7d)"),
    WINDOW("window=1d"),
    DELAY("delay=14d"),
    LABELS("labels={segment=\"EU\"}"),
    CLASS("class=\"churn\""),
    THRESHOLD("threshold=0.5"),
    BOUND("bound=lower | bound=upper"),
    CONFIDENCE("confidence=0.95"),
    Q("q=0.9"),
    REFERENCE("reference=prior(28d)"),
    CALIBRATE("calibrate=false");

    private final String usage;

    NamedArg(String usage) { this.usage = usage; }

    /** The name a rule writes, e.g. {@code window}. */
    public String text() { return name().toLowerCase(Locale.ROOT); }

    /** How a rule writes it, for messages. */
    public String usage() { return usage; }

    /** The argument called {@code text}, or null. */
    public static NamedArg byText(String text) {
        for (NamedArg a : values()) if (a.text().equals(text)) return a;
        return null;
    }

    /** {@code feature, baseline, window} in declaration order. */
    public static String texts(Collection<NamedArg> args) {
        return args.stream().sorted().map(NamedArg::text).collect(Collectors.joining(", "));
    }
}
