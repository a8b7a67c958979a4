package io.vigil.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Java side of {@code bench/stats-vs-scipy.sh}: reads two little-endian float64 files, times
 * KS + PSI + Wasserstein on them (the same arrays the Python side times) and prints the median.
 * Usage: {@code StatsTiming reference.f64le current.f64le [repeats]}.
 */
public final class StatsTiming {
    private StatsTiming() {}

    public static void main(String[] args) throws IOException {
        double[] reference = read(Path.of(args[0]));
        double[] current = read(Path.of(args[1]));
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        double[] result = null;
        for (int i = 0; i < 5; i++) result = DriftStatisticsBenchmark.KsPsiWasserstein.compute(reference, current);
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            result = DriftStatisticsBenchmark.KsPsiWasserstein.compute(reference, current);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "java  n=%d m=%d  median %.1f ms (min %.1f, max %.1f over %d runs)  "
                        + "ks_p=%.6g D=%.6g psi=%.6g wasserstein_norm=%.6g%n",
                reference.length, current.length, millis[repeats / 2], millis[0], millis[repeats - 1], repeats,
                result[0], result[1], result[2], result[3]);
    }

    private static double[] read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[bytes.remaining() / 8];
        bytes.asDoubleBuffer().get(values);
        return values;
    }
}
