package io.vigil.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PairwiseSumTest {

    @Test
    void tenMillionTenthsSumToAMillionWhereANaiveLoopDriftsBy1e4() {
        int n = 10_000_000;
        double[] tenths = new double[n];
        Arrays.fill(tenths, 0.1);
        double naive = 0;
        for (double v : tenths) naive += v;
        PairwiseSum streamed = new PairwiseSum();
        for (double v : tenths) streamed.add(v);

        assertThat(Math.abs(naive - 1e6)).isGreaterThan(1e-5); // the error pairwise summation exists to avoid
        assertThat(Math.abs(PairwiseSum.of(tenths) - 1e6)).isLessThan(1e-8);
        assertThat(Math.abs(streamed.total() - 1e6)).isLessThan(1e-8);
    }

    @Test
    void shortAndOddLengthsAreExactForSmallIntegers() {
        for (int n : new int[] {0, 1, 7, 8, 9, 127, 128, 129, 1000, 4099}) {
            double[] values = new double[n];
            PairwiseSum streamed = new PairwiseSum();
            for (int i = 0; i < n; i++) {
                values[i] = i + 1;
                streamed.add(i + 1);
            }
            double expected = n * (n + 1) / 2.0;
            assertThat(PairwiseSum.of(values)).as("n=%d", n).isEqualTo(expected);
            assertThat(streamed.total()).as("n=%d streamed", n).isEqualTo(expected);
        }
    }
}
