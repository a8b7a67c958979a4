package io.vigil.compile;

import java.nio.charset.StandardCharsets;

/**
 * The only way text from a rule file (names, paths, label values, regexes, source excerpts) gets into
 * generated DRL. Every character outside a small safe set is percent-encoded as UTF-8 bytes, so no
 * input can close a string, end a comment, start a new line or reach an escape processor (DRL's or
 * Java's {@code \}u handling); {@code %} itself is encoded, so the result stays unambiguous.
 * {@code *} is encoded too: the executable model copies rule names into Javadoc comments of the Java
 * it generates, where a star-slash would end the comment (found by DrlInjectionTest).
 */
public final class DrlText {
    private DrlText() {}

    private static final String SAFE_EVERYWHERE = "_./:#=,+-<>()[]{}!~'@&|^?; ";

    /** A DRL string literal, quotes included, e.g. a rule name. */
    public static String string(String text) {
        return '"' + encode(text, false) + '"';
    }

    /** A {@code //} comment line (without the line break). */
    public static String comment(String text) {
        return "// " + encode(text, true);
    }

    /** {@code text} with unsafe characters percent-encoded; a {@code "} is kept only inside comments. */
    static String encode(String text, boolean inComment) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean safe = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                    || (cp < 0x80 && SAFE_EVERYWHERE.indexOf(cp) >= 0) || (inComment && cp == '"');
            if (safe) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return out.toString();
    }

    /** A double as a Java/DRL literal that reads back as exactly the same value. */
    public static String number(double d) {
        if (Double.isNaN(d)) return "Double.NaN";
        if (d == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
        if (d == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
        return Double.toString(d);
    }
}
