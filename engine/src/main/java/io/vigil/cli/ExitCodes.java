package io.vigil.cli;

/** Exit codes shared by every command (interfaces.md). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {}
}
