package io.vigil.notify;

import io.vigil.check.Durations;
import io.vigil.config.MaintenanceWindow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether an alert is muted at a time: by a one-off silence in the store or a maintenance window of the config. */
public final class Silencer {
    private final List<MaintenanceWindow> windows;

    public Silencer(List<MaintenanceWindow> windows) {
        this.windows = List.copyOf(windows);
    }

    /** What mutes the alert with {@code labels} (model, rule, severity included) at {@code t}, described. */
    Optional<String> silencedBy(Connection c, Map<String, String> labels, Instant t) throws SQLException {
        for (Silence s : Silences.activeAt(c, t)) {
            if (s.mutes(labels, t)) {
                return Optional.of("silence " + s.id() + " until " + s.endsAt()
                        + (s.comment().isEmpty() ? "" : " (" + s.comment() + ")"));
            }
        }
        for (MaintenanceWindow w : windows) {
            if (w.silences(labels, t)) {
                Instant since = w.openSince(t).orElseThrow();
                return Optional.of("maintenance window " + w.name() + " since " + since + " for "
                        + Durations.format(w.duration()) + (w.comment().isEmpty() ? "" : " (" + w.comment() + ")"));
            }
        }
        return Optional.empty();
    }
}
