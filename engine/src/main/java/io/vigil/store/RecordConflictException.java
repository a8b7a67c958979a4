package io.vigil.store;

/**
 * A prediction or outcome whose key (model and id; for outcomes also the timestamp) is stored with other
 * content, sent without {@code replace}: nothing of its batch was written. {@code index} is the
 * record's position in its batch's list, so ingest can name its field path (HTTP 409).
 */
public final class RecordConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which list of the batch the record is in. */
    public enum Kind { PREDICTION, OUTCOME }

    private final Kind kind;
    private final int index;

    public RecordConflictException(Kind kind, int index, String message) {
        super(message);
        this.kind = kind;
        this.index = index;
    }

    public Kind kind() { return kind; }

    public int index() { return index; }
}
