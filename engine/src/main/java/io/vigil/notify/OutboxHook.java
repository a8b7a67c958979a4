package io.vigil.notify;

import io.vigil.runtime.AlertBook;
import io.vigil.runtime.AlertLifecycle;
import io.vigil.runtime.AlertRepository;
import io.vigil.runtime.AlertStatus;
import io.vigil.runtime.Transition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The engine's transition hook: for each stored step that can send something (a transition to firing
 * or resolved, or an instance still firing, which may be due a repeat), every writer adds its outbox
 * rows in the evaluation's transaction.
 */
public final class OutboxHook implements AlertRepository.TransitionHook {
    private final List<StepWriter> writers;
    private final Silencer silencer;
    private final Clock clock;

    public OutboxHook(List<StepWriter> writers, Silencer silencer, Clock clock) {
        this.writers = List.copyOf(writers);
        this.silencer = silencer;
        this.clock = clock;
    }

    @Override
    public void stepped(Connection c, AlertBook.RuleFold fold, long instanceId, Map<String, String> labels,
                        AlertLifecycle.Step step, Instant t) throws SQLException {
        boolean sends = step.transition()
                .map(tr -> tr.kind() == Transition.Kind.FIRING || tr.kind() == Transition.Kind.RESOLVED)
                .orElse(step.state().status() == AlertStatus.FIRING);
        if (!sends) return;
        AlertStep s = new AlertStep(c, fold.plan().rule(), instanceId, labels, step, t, clock.instant(), silencer);
        for (StepWriter w : writers) w.write(s);
    }
}
