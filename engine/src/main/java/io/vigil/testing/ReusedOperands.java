package io.vigil.testing;

import io.vigil.plan.Operand;
import io.vigil.runtime.OperandException;
import io.vigil.runtime.OperandSource;
import io.vigil.runtime.OperandValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the operands computed at the latest evaluation time, so a backtest's chart probes, which
 * evaluate parts of a rule at the same T, reuse the rule's own operand values instead of querying again.
 */
public final class ReusedOperands implements OperandSource {
    private record Key(String model, Operand operand) {}

    private final OperandSource source;
    private final Map<Key, List<OperandValue>> values = new HashMap<>();
    private Instant at;

    public ReusedOperands(OperandSource source) {
        this.source = source;
    }

    @Override
    public List<OperandValue> compute(String model, Operand operand, Instant t) throws OperandException {
        if (!t.equals(at)) {
            values.clear();
            at = t;
        }
        Key k = new Key(model, operand);
        List<OperandValue> v = values.get(k);
        if (v == null) {
            v = source.compute(model, operand, t);
            values.put(k, v);
        }
        return v;
    }
}
