package io.vigil.runtime;

/** What one evaluation says about one alert instance. */
public sealed interface Observation permits Observation.Holds, Observation.NotHolding, Observation.Failed {

    /** The condition held for the instance with this value. */
    record Holds(double value) implements Observation {}

    /** The instance was not in the evaluation's result. */
    record NotHolding() implements Observation {}

    /** The evaluation failed (store error, operand error): it says nothing, so nothing changes. */
    record Failed(String reason) implements Observation {}

    static Observation holds(double value) { return new Holds(value); }

    static Observation notHolding() { return new NotHolding(); }

    static Observation failed(String reason) { return new Failed(reason); }
}
