package io.vigil.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as vigil.yaml writes them, with the units of the rule language: {@code 30s}, {@code 15m},
 * {@code 2h}, {@code 1h30m}, {@code 90d}, {@code 250ms}; units largest first, each at most once.
 */
public final class DurationText {
    private DurationText() {}

    private static final String[] UNITS = {"w", "d", "h", "m", "s", "ms"};
    private static final Duration[] SIZES = {Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1),
            Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(1)};
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|w|d|h|m|s)");

    /** The duration, or null when the text is not one; {@code 0} alone is zero. */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.equals("0")) return Duration.ZERO;
        if (s.isEmpty()) return null;
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int pos = 0;
        int lastUnit = -1;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) return null;
            int unit = java.util.Arrays.asList(UNITS).indexOf(m.group(2));
            if (unit <= lastUnit) return null;
            lastUnit = unit;
            try {
                total = total.plus(SIZES[unit].multipliedBy(Long.parseLong(m.group(1))));
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
            pos = m.end();
        }
        return total;
    }
}
