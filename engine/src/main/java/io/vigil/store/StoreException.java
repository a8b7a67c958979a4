package io.vigil.store;

/** The database failed or refused an operation; the message says which operation and why. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /**
     * Whether the operation lost a race with a concurrent transaction and may succeed when retried
     * as a whole: a serialization failure or deadlock (SQLSTATE 40001, 40P01), or H2's concurrent
     * update and lock timeout (error codes 90131, 50200).
     */
    public boolean isTransient() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || e.getErrorCode() == 90131
                        || e.getErrorCode() == 50200) {
                    return true;
                }
            }
        }
        return false;
    }
}
