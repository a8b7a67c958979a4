package io.vigil.check;

import java.time.Duration;

/** Formats durations and numbers the way rule files write them ({@code 1h30m}, {@code 0.2}). */
public final class Durations {
    private Durations() {}

    /** {@code 1h30m}, {@code 7d}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder out = new StringBuilder();
        long ms = d.toMillis();
        long[] sizes = {7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] units = {"w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                out.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return out.toString();
    }

    /** A number without a needless {@code .0}. */
    public static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
