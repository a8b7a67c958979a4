package io.vigil.runtime;

/** An operand that cannot be computed at this evaluation; recorded as an evaluation error on each rule using it. */
public final class OperandException extends Exception {
    private static final long serialVersionUID = 1L;
    public OperandException(String message) { super(message); }
}
