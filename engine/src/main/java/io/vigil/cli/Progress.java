package io.vigil.cli;

import java.io.PrintWriter;

/**
 * Progress of long work on a terminal (a line rewritten in place, at most five times a second);
 * silent when output is not a terminal, so scripts and logs stay clean.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long last;
    private boolean shown;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Progress on {@code err}, enabled only when the process has a terminal. */
    static Progress onTerminal(PrintWriter err) {
        return new Progress(err, System.console() != null);
    }

    /** Shows {@code message} unless one was shown very recently. */
    void update(String message) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (shown && now - last < INTERVAL_NANOS) return;
        last = now;
        shown = true;
        err.print("\r\033[K" + message);
        err.flush();
    }

    /** Clears the progress line. */
    void done() {
        if (!enabled || !shown) return;
        err.print("\r\033[K");
        err.flush();
        shown = false;
    }
}
