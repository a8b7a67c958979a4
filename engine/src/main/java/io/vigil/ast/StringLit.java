package io.vigil.ast;

/**
 * A string literal: its unescaped value and its span including the quotes.
 * Errors inside the string (template, regex, cron) map value positions back to source columns with
 * {@link #spanAt(int)}.
 */
public record StringLit(String value, Span span) {

    /** The source position of the value's code point at {@code valueIndex}, skipping escapes. */
    public Span spanAt(int valueIndex) {
        int codePoints = value.codePointCount(0, value.length());
        int target = value.offsetByCodePoints(0, Math.max(0, Math.min(valueIndex, codePoints)));
        int[] cps = span.source().slice(span.start(), span.end()).codePoints().toArray();
        int i = 1; // after the opening quote
        int produced = 0; // UTF-16 units of the value, so a surrogate pair written as two escapes counts right
        while (i < cps.length - 1 && produced < target) {
            if (cps[i] == '\\') {
                i += (i + 1 < cps.length && cps[i + 1] == 'u') ? 6 : 2;
                produced++;
            } else {
                produced += Character.charCount(cps[i]);
                i++;
            }
        }
        int offset = span.start() + Math.min(i, Math.max(0, cps.length - 1));
        return new Span(span.source(), offset, offset + 1);
    }

    /** Index in {@link #value()} (a code-point count) of a Java string index, for regex and cron errors. */
    public int codePointIndex(int charIndex) {
        return value.codePointCount(0, Math.min(charIndex, value.length()));
    }
}
