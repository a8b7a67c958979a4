package io.vigil.ingest;

import java.nio.file.Path;

/**
 * A wide CSV file that cannot be read; the message starts with {@code file:line:} (and the column
 * number where known), e.g. {@code ref.csv:17: expected 5 columns, found 4}.
 */
public final class WideCsvException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;

    public WideCsvException(Path file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public WideCsvException(Path file, long line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file that failed. */
    public Path file() { return file; }

    /** 1-based line of the problem; 0 when it concerns the whole file. */
    public long line() { return line; }
}
