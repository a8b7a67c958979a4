package io.vigil.ingest;

import java.nio.file.Path;

/**
 * An input file (JSONL snapshots, long-form CSV, JSONL rows) that cannot be read; the message starts
 * with {@code file:line:}, e.g. {@code day1.jsonl:7: metrics[3].value: NaN is not a finite number}.
 */
public final class InputFileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;

    public InputFileException(Path file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() { return file; }

    /** 1-based line of the problem; 0 when it concerns the whole file. */
    public long line() { return line; }

    /** What a failed read of {@code file} says: no such file, permission denied, not UTF-8, or the I/O error. */
    static InputFileException reading(Path file, long line, java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return new InputFileException(file, 0, "no such file");
        if (e instanceof java.nio.file.AccessDeniedException) return new InputFileException(file, 0, "permission denied");
        if (e instanceof java.nio.charset.CharacterCodingException) return new InputFileException(file, line, "not valid UTF-8 text");
        return new InputFileException(file, 0, "cannot read: " + e.getMessage());
    }
}
