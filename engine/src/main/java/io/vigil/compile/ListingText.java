package io.vigil.compile;

import java.nio.charset.StandardCharsets;

/**
 * The only way text from a rule file (names, paths, source excerpts) gets into a step listing
 * ({@code vigil compile}). No rule-file text reaches Drools at all (the rules are fixed, conditions are
 * facts); this keeps the listing one line per item and unambiguous: every character outside a small
 * safe set is percent-encoded as UTF-8 bytes, so no input can start a new line, forge a comment or
 * hide behind a control character, and {@code %} itself is encoded.
 */
public final class ListingText {
    private ListingText() {}

    private static final String SAFE = "_./:#=,+-<>()[]{}!~'@&|^?;*\"$ ";

    /** {@code text} as one line (without the line break), unsafe characters percent-encoded. */
    public static String line(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean safe = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                    || (cp < 0x80 && SAFE.indexOf(cp) >= 0);
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

    /** A double that reads back as exactly the same value. */
    public static String number(double d) {
        return Double.toString(d);
    }
}
