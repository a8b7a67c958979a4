package io.vigil.compile;

/** Drools rejected the fixed rules' DRL: a bug in Vigil, never the user's fault; carries the DRL to report it. */
public final class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String drl;

    public CompileException(String message, String drl) {
        super(message);
        this.drl = drl;
    }

    public String drl() { return drl; }
}
