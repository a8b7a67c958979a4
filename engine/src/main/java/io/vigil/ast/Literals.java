package io.vigil.ast;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Decodes the text of literal tokens (strings, durations, numbers) into values, reporting each problem at
 * the exact characters that cause it (language.md §1). Works on plain text and offsets, not parser types.
 */
final class Literals {
    private Literals() {}

    /**
     * The longest duration accepted, about 100 years: far beyond any useful interval or window, and small
     * enough that later phases may add, multiply and convert durations to milliseconds without overflow.
     */
    static final Duration MAX_DURATION = Duration.ofDays(36_500);

    private static final Map<String, Duration> UNITS = Map.of(
            "w", Duration.ofDays(7), "d", Duration.ofDays(1), "h", Duration.ofHours(1),
            "m", Duration.ofMinutes(1), "s", Duration.ofSeconds(1), "ms", Duration.ofMillis(1));
    private static final List<String> UNIT_ORDER = List.of("w", "d", "h", "m", "s", "ms");

    /** A number token; a value that overflows to infinity is an error. */
    static double number(Span at, String text, List<Diagnostic> out) {
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) out.add(Diagnostic.error(at, "number " + abbreviate(text) + " is too large"));
        return v;
    }

    /** A duration token such as {@code 1h30m}; the lexer guarantees digit runs each followed by a unit. */
    static DurationLit duration(Source source, int start, String text, List<Diagnostic> out) {
        Span whole = new Span(source, start, start + text.length());
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i))) i++;
            String unit = text.substring(unitStart, i);
            int order = UNIT_ORDER.indexOf(unit);
            if (order <= lastUnit) {
                out.add(Diagnostic.error(new Span(source, start + unitStart, start + i),
                        "duration units must go from largest to smallest, each at most once: '" + unit + "' after '"
                                + UNIT_ORDER.get(lastUnit) + "' in " + abbreviate(text)));
                return new DurationLit(Duration.ofSeconds(1), whole);
            }
            lastUnit = order;
            try {
                long count = Long.parseLong(text.substring(digitsStart, unitStart));
                total = total.plus(UNITS.get(unit).multipliedBy(count));
            } catch (ArithmeticException | NumberFormatException e) {
                total = MAX_DURATION.plusDays(1);
                break;
            }
        }
        if (total.compareTo(MAX_DURATION) > 0) {
            out.add(Diagnostic.error(whole, "duration " + abbreviate(text) + " is too large (at most 36500d, about 100 years)"));
            return new DurationLit(Duration.ofSeconds(1), whole);
        }
        if (total.isZero()) out.add(Diagnostic.error(whole, "duration must be greater than 0: " + abbreviate(text)));
        return new DurationLit(total, whole);
    }

    /**
     * A string token including its quotes. The escapes are backslash followed by a quote, a backslash, n, t,
     * or u and four hex digits; a surrogate pair may be written as two u escapes, a lone surrogate may not
     * (it cannot be sent as UTF-8).
     */
    static StringLit string(Source source, int start, String text, List<Diagnostic> out) {
        int[] cps = text.codePoints().toArray();
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < cps.length - 1; i++) {
            int c = cps[i];
            if (c != '\\') {
                value.appendCodePoint(c);
                continue;
            }
            int e = cps[i + 1];
            Span at = new Span(source, start + i, start + i + 2);
            switch (e) {
                case '"' -> value.append('"');
                case '\\' -> value.append('\\');
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'u' -> {
                    int unit = hex4(cps, i + 2);
                    if (unit < 0) {
                        out.add(Diagnostic.error(at, "invalid escape: \\u must be followed by four hex digits"));
                    } else if (Character.isHighSurrogate((char) unit) && hex4Escape(cps, i + 6) >= 0
                            && Character.isLowSurrogate((char) hex4Escape(cps, i + 6))) {
                        value.append((char) unit).append((char) hex4Escape(cps, i + 6));
                        i += 10;
                    } else if (Character.isSurrogate((char) unit)) {
                        out.add(Diagnostic.error(new Span(source, start + i, start + i + 6), "invalid escape: \\u"
                                + String.format("%04X", unit) + " is half of a surrogate pair"));
                        i += 4;
                    } else {
                        value.append((char) unit);
                        i += 4;
                    }
                }
                default -> out.add(Diagnostic.error(at, "invalid escape '\\" + printable(e)
                        + "' (allowed: \\\" \\\\ \\n \\t \\uXXXX)"));
            }
            i++;
        }
        return new StringLit(value.toString(), new Span(source, start, start + cps.length));
    }

    /** The value of four ASCII hex digits at {@code from} (stopping before the closing quote), or -1. */
    private static int hex4(int[] cps, int from) {
        if (from + 4 > cps.length - 1) return -1;
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = cps[k] < 128 ? Character.digit(cps[k], 16) : -1;
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    /** The value of a backslash-u escape starting at {@code from}, or -1 when there is none. */
    private static int hex4Escape(int[] cps, int from) {
        if (from + 1 >= cps.length - 1 || cps[from] != '\\' || cps[from + 1] != 'u') return -1;
        return hex4(cps, from + 2);
    }

    /** A code point as it may be shown inside a message: control characters as {@code U+XXXX}. */
    static String printable(int cp) {
        return isVisible(cp) ? Character.toString(cp) : String.format("U+%04X", cp);
    }

    /** Whether a code point shows as itself: not a control, format (e.g. bidi) or unassigned character. */
    static boolean isVisible(int cp) {
        return !Character.isISOControl(cp) && Character.isDefined(cp) && Character.getType(cp) != Character.FORMAT
                && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    /** Token text shown in a message, cut short when long and with invisible characters made visible. */
    static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length && i < 40; i++) out.append(printable(cps[i]));
        if (cps.length > 40) out.append("...");
        return out.toString();
    }
}
