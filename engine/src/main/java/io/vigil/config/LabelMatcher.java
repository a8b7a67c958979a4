package io.vigil.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a silence: {@code model=churn}, {@code segment!=EU}, {@code region=~"eu-.*"},
 * {@code version!~"3\..*"}. Regexes are Java syntax and fully anchored; a missing label matches as
 * the empty string, as in Prometheus.
 */
public final class LabelMatcher {

    /** The four operators of rule selectors. */
    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~");

        private final String written;

        Op(String written) { this.written = written; }

        public String written() { return written; }
    }

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

    /** Reads {@code name op value}; the value may be double-quoted. Throws with a user-facing message. */
    public static LabelMatcher parse(String text) {
        String s = text.strip();
        java.util.regex.Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*)", Pattern.DOTALL)
                .matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a matcher such as model=churn, segment!=EU or "
                    + "region=~\"eu-.*\", got '" + text + "'");
        }
        Op op = switch (m.group(2)) {
            case "=~" -> Op.MATCHES;
            case "!~" -> Op.NOT_MATCHES;
            case "!=" -> Op.NOT_EQUAL;
            default -> Op.EQUAL;
        };
        String value = unquote(m.group(3).strip());
        Pattern pattern = null;
        if (op == Op.MATCHES || op == Op.NOT_MATCHES) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + value + "': " + e.getDescription());
            }
        }
        return new LabelMatcher(m.group(1), op, value, pattern);
    }

    private static String unquote(String v) {
        if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) return v;
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1 && (v.charAt(i + 1) == '"' || v.charAt(i + 1) == '\\')) c = v.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }

    public String label() { return label; }

    public Op op() { return op; }

    public String value() { return value; }

    /** Whether an alert with these labels (which include model, rule and severity) matches. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> pattern.matcher(actual).matches();
            case NOT_MATCHES -> !pattern.matcher(actual).matches();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.label.equals(label) && m.op == op && m.value.equals(value);
    }

    @Override
    public int hashCode() { return Objects.hash(label, op, value); }

    @Override
    public String toString() {
        return label + op.written + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
