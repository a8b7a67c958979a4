package io.vigil.bench;

import io.vigil.check.Durations;
import io.vigil.label.LabelMatcher;
import io.vigil.plan.Operand;
import io.vigil.plan.SeriesSelector;
import io.vigil.runtime.OperandException;
import io.vigil.runtime.OperandSource;
import io.vigil.runtime.OperandValue;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An {@link OperandSource} that times the one it wraps per kind of operand (function, window, which
 * labels the selector pins), to show which store queries dominate an evaluation round.
 */
final class OperandProfile implements OperandSource {
    private final OperandSource source;
    private final Map<String, Kind> kinds = new TreeMap<>();

    private static final class Kind {
        long calls;
        long nanos;
        long elements;
    }

    OperandProfile(OperandSource source) {
        this.source = source;
    }

    @Override
    public List<OperandValue> compute(String model, Operand operand, Instant t) throws OperandException {
        long start = System.nanoTime();
        List<OperandValue> out = source.compute(model, operand, t);
        Kind k = kinds.computeIfAbsent(kind(operand), x -> new Kind());
        k.calls++;
        k.nanos += System.nanoTime() - start;
        k.elements += out.size();
        return out;
    }

    /** E.g. {@code avg 1d {segment}} or {@code latest {}}: what decides how many rows a query reads. */
    static String kind(Operand operand) {
        if (operand instanceof Operand.Latest l) return "latest " + pinned(l.selector());
        if (operand instanceof Operand.Window w) {
            return w.function() + " " + Durations.format(w.range()) + " " + pinned(w.selector());
        }
        Operand.Distribution d = (Operand.Distribution) operand;
        return d.function() + " " + Durations.format(d.window());
    }

    private static String pinned(SeriesSelector s) {
        return s.matchers().stream().map(LabelMatcher::label).sorted()
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The kinds by total time, most expensive first. */
    void print(PrintStream out) {
        long total = kinds.values().stream().mapToLong(k -> k.nanos).sum();
        List<Map.Entry<String, Kind>> sorted = new ArrayList<>(kinds.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, Kind> e) -> e.getValue().nanos).reversed());
        out.printf("  %-28s %6s %9s %9s %6s %9s%n", "operand kind", "calls", "total ms", "ms/call", "share", "elements");
        for (var e : sorted) {
            Kind k = e.getValue();
            out.printf("  %-28s %6d %9.0f %9.2f %5.1f%% %9d%n", e.getKey(), k.calls, k.nanos / 1e6,
                    k.nanos / 1e6 / k.calls, 100.0 * k.nanos / total, k.elements);
        }
    }
}
