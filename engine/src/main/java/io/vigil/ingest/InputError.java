package io.vigil.ingest;

/**
 * Why an ingested document was rejected: the field path of the offending value (e.g.
 * {@code [2].metrics[0].value}; empty when the problem is the whole document) and what was expected.
 */
public record InputError(String path, String message) {
    public InputError {
        path = path == null ? "" : path;
    }

    /** {@code path: message}, or just the message for a whole-document problem. */
    @Override public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
