package io.vigil.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * The lifecycle state of one alert instance, as Prometheus keeps it per active alert.
 *
 * @param value           the value at the last evaluation at which the condition held (kept while
 *                        {@code keep_firing_for} holds the alert up); NaN when inactive
 * @param activeAt        first evaluation of the current run of holding evaluations; null when inactive
 * @param firedAt         evaluation at which it started firing; null unless firing
 * @param keepFiringSince first evaluation at which a firing instance stopped holding; null otherwise
 */
public record AlertState(AlertStatus status, double value, Instant activeAt, Instant firedAt, Instant keepFiringSince) {

    /** The state of every instance that is neither pending nor firing. */
    public static final AlertState INACTIVE = new AlertState(AlertStatus.INACTIVE, Double.NaN, null, null, null);

    public AlertState {
        Objects.requireNonNull(status, "status");
        boolean ok = switch (status) {
            case INACTIVE -> activeAt == null && firedAt == null && keepFiringSince == null;
            case PENDING -> activeAt != null && firedAt == null && keepFiringSince == null;
            case FIRING -> activeAt != null && firedAt != null;
        };
        if (!ok) throw new IllegalArgumentException("inconsistent " + status.label() + " state: activeAt=" + activeAt
                + ", firedAt=" + firedAt + ", keepFiringSince=" + keepFiringSince);
    }

    public static AlertState pending(double value, Instant activeAt) {
        return new AlertState(AlertStatus.PENDING, value, activeAt, null, null);
    }

    public static AlertState firing(double value, Instant activeAt, Instant firedAt) {
        return new AlertState(AlertStatus.FIRING, value, activeAt, firedAt, null);
    }

    /** A firing state held up by {@code keep_firing_for} since {@code keepFiringSince}. */
    public static AlertState keptFiring(double value, Instant activeAt, Instant firedAt, Instant keepFiringSince) {
        return new AlertState(AlertStatus.FIRING, value, activeAt, firedAt, keepFiringSince);
    }

    public boolean isActive() { return status != AlertStatus.INACTIVE; }
}
