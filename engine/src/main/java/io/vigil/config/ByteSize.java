package io.vigil.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as vigil.yaml writes them: {@code 16MiB}, {@code 512KiB}, {@code 1GB}, {@code 1048576} (bytes). */
public final class ByteSize {
    private ByteSize() {}

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.of(
            "", 1L, "b", 1L,
            "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
            "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);

    /** The number of bytes, or -1 when the text is not a size. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) return -1;
        Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) return -1;
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }
}
