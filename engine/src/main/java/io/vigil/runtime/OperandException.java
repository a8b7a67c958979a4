package io.vigil.runtime;

/** An operand that cannot be computed at this evaluation; recorded as an evaluation error on each rule using it. */
public final class OperandException extends Exception {
    public OperandException(String message) { super(message); }
}
