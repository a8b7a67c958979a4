package io.vigil.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promtool's input-series notation: {@code a+bxN} and {@code a-bxN} expand to N+1 samples (a, a±b, …),
 * {@code axN} to N+1 copies of a, {@code _} is one missing sample and {@code _xN} N of them, {@code stale}
 * ends the series until its next sample.
 */
public final class SeriesNotation {

    /** One step of an expanded series: a value, a gap, or a stale marker. */
    public sealed interface Step {
        record Value(double value) implements Step {}
        record Missing() implements Step {}
        record Stale() implements Step {}
    }

    /** A malformed token; {@code column} is 1-based within the values string. */
    public static final class NotationException extends Exception {
        private static final long serialVersionUID = 1L;
        public final int column;

        NotationException(int column, String message) {
            super("column " + column + ": " + message);
            this.column = column;
        }
    }

    private static final String NUM = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Inf|NaN";
    private static final Pattern EXPANDING = Pattern.compile("(" + NUM + ")([-+])(\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?)x(\\d+)");
    private static final Pattern REPEAT = Pattern.compile("(" + NUM + ")x(\\d+)");
    private static final Pattern SINGLE = Pattern.compile(NUM);
    private static final Pattern GAPS = Pattern.compile("_x(\\d+)");
    private static final int MAX_STEPS = 10_000_000;

    private SeriesNotation() {}

    public static List<Step> parse(String values) throws NotationException {
        List<Step> out = new ArrayList<>();
        int i = 0;
        while (i < values.length()) {
            if (Character.isWhitespace(values.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < values.length() && !Character.isWhitespace(values.charAt(i))) i++;
            token(values.substring(start, i), start + 1, out);
            if (out.size() > MAX_STEPS) throw new NotationException(start + 1, "series longer than " + MAX_STEPS);
        }
        return out;
    }

    private static void token(String t, int column, List<Step> out) throws NotationException {
        Matcher m;
        if (t.equals("_")) {
            out.add(new Step.Missing());
        } else if (t.equals("stale")) {
            out.add(new Step.Stale());
        } else if ((m = GAPS.matcher(t)).matches()) {
            for (long k = 0, n = count(m.group(1), column); k < n; k++) out.add(new Step.Missing());
        } else if ((m = EXPANDING.matcher(t)).matches()) {
            double a = number(m.group(1));
            double b = Double.parseDouble(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
            long n = count(m.group(4), column);
            for (long k = 0; k <= n; k++) out.add(new Step.Value(a + b * k));
        } else if ((m = REPEAT.matcher(t)).matches()) {
            double a = number(m.group(1));
            for (long k = 0, n = count(m.group(2), column); k <= n; k++) out.add(new Step.Value(a));
        } else if (SINGLE.matcher(t).matches()) {
            out.add(new Step.Value(number(t)));
        } else {
            throw new NotationException(column, "cannot read '" + t + "': expected a number, a+bxN, a-bxN, axN, _, _xN "
                    + "or stale");
        }
    }

    private static long count(String digits, int column) throws NotationException {
        try {
            long n = Long.parseLong(digits);
            if (n > MAX_STEPS) throw new NotationException(column, "repeat count " + digits + " is too large");
            return n;
        } catch (NumberFormatException e) {
            throw new NotationException(column, "repeat count " + digits + " is too large");
        }
    }

    private static double number(String s) {
        return switch (s) {
            case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
