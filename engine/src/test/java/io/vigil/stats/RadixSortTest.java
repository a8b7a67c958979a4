package io.vigil.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RadixSortTest {

    private static void sortsLikeArraysSort(double[] values) {
        double[] expected = values.clone();
        Arrays.sort(expected);
        double[] before = values.clone();
        double[] sorted = RadixSort.sortedCopy(values);
        // compared bit for bit, so −0.0 / 0.0 order and every payload must match
        assertThat(Arrays.stream(sorted).mapToLong(Double::doubleToRawLongBits).toArray())
                .containsExactly(Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray());
        assertThat(values).containsExactly(before);
    }

    @Test
    void mixedSignsMagnitudesZerosAndTies() {
        Random random = new Random(7);
        double[] values = new double[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 7) {
                case 0 -> random.nextGaussian();
                case 1 -> -random.nextDouble() * 1e300;
                case 2 -> random.nextInt(5);            // ties
                case 3 -> (i % 2 == 0 ? -0.0 : 0.0);
                case 4 -> Double.MIN_VALUE * random.nextInt(100) * (random.nextBoolean() ? 1 : -1); // subnormals
                case 5 -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
                default -> Math.round(random.nextGaussian() * 1000) / 100.0;
            };
        }
        sortsLikeArraysSort(values);
    }

    @Test
    void constantSortedReversedAndSmallInputs() {
        double[] constant = new double[10_000];
        Arrays.fill(constant, 3.25);
        sortsLikeArraysSort(constant);
        double[] ascending = new double[10_000];
        for (int i = 0; i < ascending.length; i++) ascending[i] = i - 5000.5;
        sortsLikeArraysSort(ascending);
        double[] descending = new double[10_000];
        for (int i = 0; i < descending.length; i++) descending[i] = -ascending[i];
        sortsLikeArraysSort(descending);
        sortsLikeArraysSort(new double[] {2, -1, 0});
        sortsLikeArraysSort(new double[0]);
    }
}
