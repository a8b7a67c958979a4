package io.vigil.store;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a selector (language.md §3.1): {@code =}, {@code !=}, {@code =~}, {@code !~}.
 * Regexes are Java syntax and fully anchored. A series without the label is matched as if its value
 * were the empty string, as in Prometheus ({@code region!="test"} keeps series with no region).
 */
public record LabelMatcher(String label, Op op, String value, Pattern pattern) {

    /** The four matching operators. */
    public enum Op { EQ, NE, RE, NRE }

    public LabelMatcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    /** A matcher; regexes are compiled here, so an invalid one fails now (the checker has normally caught it). */
    public static LabelMatcher of(String label, Op op, String value) {
        Pattern p = null;
        if (op == Op.RE || op == Op.NRE) {
            try {
                p = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex for label " + label + ": " + e.getDescription(), e);
            }
        }
        return new LabelMatcher(label, op, value, p);
    }

    public static LabelMatcher eq(String label, String value) { return of(label, Op.EQ, value); }

    public static LabelMatcher ne(String label, String value) { return of(label, Op.NE, value); }

    public static LabelMatcher re(String label, String regex) { return of(label, Op.RE, regex); }

    public static LabelMatcher nre(String label, String regex) { return of(label, Op.NRE, regex); }

    /** Whether a label value (empty string for an absent label) satisfies this matcher. */
    public boolean matches(String actual) {
        return switch (op) {
            case EQ -> value.equals(actual);
            case NE -> !value.equals(actual);
            case RE -> pattern.matcher(actual).matches();
            case NRE -> !pattern.matcher(actual).matches();
        };
    }
}
