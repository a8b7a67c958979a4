package io.vigil.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as templates print them: the shortest decimal that reads back as exactly the same double,
 * laid out by ECMAScript's {@code Number.prototype.toString} rule (plain for 1e-6 ≤ |x| < 1e21, else
 * {@code 1.5e-7} / {@code 1e+21}); {@code -0} prints {@code 0}, non-finite values {@code NaN},
 * {@code +Inf}, {@code -Inf}. Java 17's {@code Double.toString} is not always shortest
 * ({@code 4.9E-324} for {@code 5e-324}), hence the search below.
 */
public final class NumberText {
    private NumberText() {}

    /** The template text of a number. */
    public static String format(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "+Inf" : "-Inf";
        if (x == 0) return "0";
        return layout(shortest(x));
    }

    /**
     * The decimal with the fewest significant digits that converts back to {@code x}. At the first
     * precision where any decimal reads back, one of the two neighbours of x at that precision does.
     */
    static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == x) return nearest.stripTrailingZeros();
            for (RoundingMode side : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
                BigDecimal other = exact.round(new MathContext(p, side));
                if (other.doubleValue() == x) return other.stripTrailingZeros();
            }
        }
        return exact; // unreachable: 17 significant digits always read back
    }

    /** ECMAScript Number::toString, steps 6-12, for a non-zero finite decimal. */
    private static String layout(BigDecimal d) {
        String sign = d.signum() < 0 ? "-" : "";
        String digits = d.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - d.scale(); // value = 0.digits × 10^n
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) out.append('.').append(digits, 1, k);
            out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /** {@code round(n)}: the shortest decimal of x rounded to n places, halves away from zero. */
    static double round(double x, int places) {
        if (!Double.isFinite(x) || x == 0) return x;
        return shortest(x).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code pct}: x × 100 rounded to one place (halves away from zero), then {@code %}. */
    static String percent(double x) {
        if (!Double.isFinite(x)) return format(x) + "%";
        if (x == 0) return "0%";
        double scaled = shortest(x).movePointRight(2).setScale(1, RoundingMode.HALF_UP).doubleValue();
        return format(scaled) + "%";
    }
}
