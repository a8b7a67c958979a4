package io.vigil.ingest;

/**
 * Recognises a plain decimal number such as {@code -12}, {@code 3.5}, {@code .5} or {@code 1e-3}.
 * Stricter than {@link Double#parseDouble}, which also takes {@code NaN}, {@code Infinity}, hex
 * floats and a trailing {@code d}/{@code f} — cells that a data file means as text, not numbers.
 */
final class DecimalSyntax {
    private DecimalSyntax() {}

    static boolean isNumber(char[] s, int off, int len) {
        int i = off;
        int end = off + len;
        if (i < end && (s[i] == '+' || s[i] == '-')) i++;
        int intDigits = 0;
        while (i < end && isDigit(s[i])) { i++; intDigits++; }
        int fracDigits = 0;
        if (i < end && s[i] == '.') {
            i++;
            while (i < end && isDigit(s[i])) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < end && (s[i] == '+' || s[i] == '-')) i++;
            int expDigits = 0;
            while (i < end && isDigit(s[i])) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == end;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
