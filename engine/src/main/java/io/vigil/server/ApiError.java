package io.vigil.server;

/**
 * A request the API refuses: a 4xx status, a message and, when one field is at fault, its path.
 * Handlers throw it; {@link ApiServer} turns it into {@code {"error": "...", "path": "..."}}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String path;

    public ApiError(int status, String message, String path) {
        super(message, null, false, false);
        this.status = status;
        this.path = path == null ? "" : path;
    }

    public ApiError(int status, String message) {
        this(status, message, "");
    }

    public int status() { return status; }

    /** The offending field's path, or empty. */
    public String path() { return path; }
}
