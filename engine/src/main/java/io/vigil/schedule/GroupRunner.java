package io.vigil.schedule;

import java.time.Instant;

/** Runs one evaluation of a (model, schedule) group at its scheduled time T; the scheduler's only callback. */
@FunctionalInterface
public interface GroupRunner {
    void run(String groupKey, Instant t) throws Exception;
}
