package io.vigil.notify;

import java.sql.SQLException;

/**
 * Decides what one alert step sends (notifications) or runs (actions) and writes it to the outbox,
 * on the evaluation's own connection, so it commits or rolls back with the transition.
 */
@FunctionalInterface
public interface StepWriter {
    void write(AlertStep step) throws SQLException;
}
