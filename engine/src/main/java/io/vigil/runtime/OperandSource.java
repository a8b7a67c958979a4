package io.vigil.runtime;

import io.vigil.plan.Operand;
import java.time.Instant;
import java.util.List;

/** Computes one operand of a rule plan at evaluation time T; the engine's only view of stored data. */
@FunctionalInterface
public interface OperandSource {
    /** The elements of {@code operand} of a rule of {@code model} at {@code t}. */
    List<OperandValue> compute(String model, Operand operand, Instant t) throws OperandException;

    /**
     * This source for a caller that will ask at many times in [from, to] (a query_range, a backtest): it
     * may read each series' range once instead of once per time. The answers are the same.
     */
    default OperandSource forRange(Instant from, Instant to) {
        return this;
    }
}
