package io.vigil.label;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher — {@code segment="EU"}, {@code region!="test"}, {@code region=~"eu-.*"},
 * {@code version!~"3\..*"} — the one type used by rule selectors (plan), the store's queries and
 * silences (config, notify). Regexes are Java syntax, fully anchored and compiled once, here. A label
 * that is absent matches as the empty string, as in Prometheus ({@code region!="test"} keeps series
 * with no region). Two matchers are equal when label, operator and pattern text are, so equal
 * selectors of different rules share one query.
 */
public final class LabelMatcher {

    /** The four matching operators, with how a rule file writes them. */
    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        public final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        /** Whether the value is a regular expression. */
        public boolean isRegex() { return this == RE || this == NRE; }
    }

    private static final Pattern TEXT =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*)", Pattern.DOTALL);

    private final String label;
    private final Op op;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String label, Op op, String value, Pattern pattern) {
        this.label = label;
        this.op = op;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * A matcher; a regex is compiled here.
     *
     * @throws IllegalArgumentException for an invalid regex (the checker has normally reported it with a caret)
     */
    public static LabelMatcher of(String label, Op op, String value) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        Pattern p = null;
        if (op.isRegex()) {
            try {
                p = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + value + "': " + e.getDescription(), e);
            }
        }
        return new LabelMatcher(label, op, value, p);
    }

    public static LabelMatcher eq(String label, String value) { return of(label, Op.EQ, value); }

    public static LabelMatcher ne(String label, String value) { return of(label, Op.NE, value); }

    public static LabelMatcher re(String label, String regex) { return of(label, Op.RE, regex); }

    public static LabelMatcher nre(String label, String regex) { return of(label, Op.NRE, regex); }

    /**
     * Reads {@code name op value} as silences and the API write it; the value may be double-quoted
     * with the rule language's escapes. Throws with a user-facing message.
     */
    public static LabelMatcher parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a matcher such as model=churn, segment!=EU or "
                    + "region=~\"eu-.*\", got '" + text + "'");
        }
        Op op = switch (m.group(2)) {
            case "=~" -> Op.RE;
            case "!~" -> Op.NRE;
            case "!=" -> Op.NE;
            case "=" -> Op.EQ;
            default -> throw new IllegalStateException("operator " + m.group(2) + " is in TEXT but not here");
        };
        return of(m.group(1), op, Quoting.unquote(m.group(3).strip()));
    }

    public String label() { return label; }

    public Op op() { return op; }

    /** The value or the regex's text. */
    public String value() { return value; }

    /** Whether a label value (the empty string for an absent label) satisfies this matcher. */
    public boolean matches(String actual) {
        return switch (op) {
            case EQ -> value.equals(actual);
            case NE -> !value.equals(actual);
            case RE -> pattern.matcher(actual).matches();
            case NRE -> !pattern.matcher(actual).matches();
        };
    }

    /** Whether a label set matches; an absent label is the empty string. */
    public boolean matches(Map<String, String> labels) {
        return matches(labels.getOrDefault(label, ""));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.label.equals(label) && m.op == op && m.value.equals(value);
    }

    @Override
    public int hashCode() { return Objects.hash(label, op, value); }

    /** The matcher as a rule file writes it, e.g. {@code segment=~"E.*"}; {@link #parse} reads it back. */
    @Override
    public String toString() { return label + op.symbol + Quoting.quote(value); }
}
