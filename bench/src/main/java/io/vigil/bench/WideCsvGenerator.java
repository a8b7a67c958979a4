package io.vigil.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a wide CSV of normal numeric columns for {@code bench/drift-wide.sh}: values in full double
 * precision (shortest round-trip form, up to 17 digits), the heaviest realistic spelling.
 * Usage: {@code WideCsvGenerator out.csv rows columns seed shift}; every third column of the file gets
 * the mean shift (in standard deviations), the rest keep N(0, 1).
 */
public final class WideCsvGenerator {
    private WideCsvGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int columns = Integer.parseInt(args[2]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
        double shift = Double.parseDouble(args[4]);
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (int c = 0; c < columns; c++) {
                if (c > 0) w.write(',');
                w.write("f" + c);
            }
            w.write('\n');
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    if (c > 0) w.write(',');
                    w.write(Double.toString(gaussian(random) + (c % 3 == 0 ? shift : 0)));
                }
                w.write('\n');
            }
        }
    }

    // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
