package io.vigil.stats;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KS p-values against SciPy 1.17.1 on a grid chosen to reach every branch of {@code kstwo.sf}
 * (Ruben–Gambino ends, Durbin matrix, Pomeranz, Pelz–Good, 2·smirnov, the zero tail) and both
 * exact two-sample recurrences; the table and its generator are in test resources {@code stats/}.
 */
class KsPValueTest {

    @ParameterizedTest(name = "{0} n1={1} n2={2} x/h={3}")
    @CsvFileSource(resources = "/stats/ks_tables.csv", numLinesToSkip = 1)
    void matchesScipy(String kind, long n1, long n2, String xOrH, double expected) {
        double actual = switch (kind) {
            case "kstwo" -> KolmogorovDistribution.sf(n1, Double.parseDouble(xOrH));
            case "square" -> KolmogorovSmirnov.probOutsideSquare((int) n1, Integer.parseInt(xOrH));
            case "inside" -> KolmogorovSmirnov.probOutsideInsideMethod(n1, n2, gcd(n1, n2), Long.parseLong(xOrH));
            default -> throw new IllegalArgumentException(kind);
        };
        double tolerance = kind.equals("kstwo") ? 1e-6 : 1e-10;
        if (expected < 1e-300) {
            // Below the smallest normal doubles only the (overwhelming) verdict is meaningful.
            assertThat(actual).isLessThan(1e-290);
        } else {
            assertThat(Math.abs(actual - expected) / expected).as("%s vs SciPy %s", actual, expected)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    private static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }
}
