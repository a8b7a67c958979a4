package io.vigil.ingest;

/**
 * Carries an {@link InputError} out of the depths of a parser to its entry point, where it becomes a
 * value again (a 4xx response, a {@code file:line:} message).
 */
final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;
    final transient InputError error;

    InvalidInputException(String path, String message) {
        super(new InputError(path, message).toString(), null, false, false);
        this.error = new InputError(path, message);
    }
}
