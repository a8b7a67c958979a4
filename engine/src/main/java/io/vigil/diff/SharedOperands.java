package io.vigil.diff;

import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.plan.Operand;
import io.vigil.runtime.OperandException;
import io.vigil.runtime.OperandSource;
import io.vigil.runtime.OperandValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operands of the old and the new version's backtests, which replay the same range on two threads: an
 * operand both versions evaluate at the same times (same model, same schedule) is computed by whichever
 * thread reaches a time first and taken, once, by the other. Each side keeps its own range source, since a
 * range source slides through its series and is not for two threads.
 */
final class SharedOperands {
    /** Values waiting for the slower side; beyond this the faster side stops leaving them, and both compute. */
    static final int MAX_WAITING = 200_000;

    private record Shared(String model, Operand operand) {}

    private record Key(String model, Operand operand, Instant t) {}

    private final Set<Shared> shared;
    private final ConcurrentHashMap<Key, CompletableFuture<List<OperandValue>>> waiting = new ConcurrentHashMap<>();

    /** @param before the old version's compiled rules, null when it has none; likewise {@code after} */
    SharedOperands(CompiledRuleSet before, CompiledRuleSet after) {
        Map<Shared, Set<String>> a = schedules(before);
        Map<Shared, Set<String>> b = schedules(after);
        Set<Shared> both = new HashSet<>();
        // Only an operand asked at the same times by both sides is left for the other: anything else would wait forever.
        a.forEach((k, s) -> {
            if (s.size() == 1 && s.equals(b.get(k))) both.add(k);
        });
        this.shared = Set.copyOf(both);
    }

    private static Map<Shared, Set<String>> schedules(CompiledRuleSet rules) {
        Map<Shared, Set<String>> out = new HashMap<>();
        if (rules == null) return out;
        for (CompiledGroup g : rules.groups()) {
            for (Operand o : g.operands()) {
                out.computeIfAbsent(new Shared(g.model(), o), k -> new HashSet<>()).add(g.schedule().key());
            }
        }
        return out;
    }

    /** One side's source: {@code own} (that side's range source) for what it computes itself. */
    OperandSource side(OperandSource own) {
        return new OperandSource() {
            @Override
            public List<OperandValue> compute(String model, Operand operand, Instant t) throws OperandException {
                if (!shared.contains(new Shared(model, operand))) return own.compute(model, operand, t);
                Key k = new Key(model, operand, t);
                if (waiting.size() >= MAX_WAITING) return own.compute(model, operand, t);
                CompletableFuture<List<OperandValue>> mine = new CompletableFuture<>();
                CompletableFuture<List<OperandValue>> theirs = waiting.putIfAbsent(k, mine);
                if (theirs != null) {
                    waiting.remove(k);
                    try {
                        return theirs.join(); // the other side is computing it now, or has
                    } catch (CompletionException e) {
                        return own.compute(model, operand, t); // its failure is this side's to report in its own words
                    }
                }
                try {
                    List<OperandValue> v = own.compute(model, operand, t);
                    mine.complete(v);
                    return v;
                } catch (OperandException | RuntimeException e) {
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
        };
    }

    /** How many values wait for a side that has not taken them (0 once both backtests are done). */
    int waiting() { return waiting.size(); }
}
