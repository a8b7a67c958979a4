package io.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ingested daily snapshots as a daily rule at T = day 00:00 UTC sees them (language.md §3): snapshots are stamped
 * 23:00 UTC, so the window (T − n days, T] holds the snapshots of days T−n … T−1, and the latest sample within the
 * staleness limit of an {@code every 1d} rule (3 days) comes from day T−1, T−2 or T−3.
 */
final class SnapshotHistory {
    private static final int STALENESS_DAYS = 3;
    private final Map<LocalDate, JsonNode> byDay = new HashMap<>();

    SnapshotHistory(List<ObjectNode> snapshots) {
        for (ObjectNode s : snapshots) {
            Instant at = Instant.parse(s.get("timestamp").asText());
            byDay.put(at.atZone(ZoneOffset.UTC).toLocalDate(), s);
        }
    }

    /** The latest value of {@code metric} (with that season label, or unlabelled when null) visible at T, or null. */
    Double latest(LocalDate t, String metric, String season) {
        for (int back = 1; back <= STALENESS_DAYS; back++) {
            Double v = value(byDay.get(t.minusDays(back)), metric, season);
            if (v != null) return v;
        }
        return null;
    }

    /** Values of an unlabelled metric in the window (T − toBack days, T − fromBack days], oldest first. */
    List<Double> values(LocalDate t, int fromBack, int toBack, String metric) {
        List<Double> out = new ArrayList<>();
        for (int back = toBack; back > fromBack; back--) {
            Double v = value(byDay.get(t.minusDays(back)), metric, null);
            if (v != null) out.add(v);
        }
        return out;
    }

    /** Whether any snapshot was ingested in (T − days, T]. */
    boolean any(LocalDate t, int days) {
        for (int back = 1; back <= days; back++) if (byDay.containsKey(t.minusDays(back))) return true;
        return false;
    }

    /** The value of {@code metric} with that season label (unlabelled when null) in one snapshot, or null. */
    static Double value(JsonNode snapshot, String metric, String season) {
        if (snapshot == null) return null;
        for (JsonNode m : snapshot.get("metrics")) {
            if (m.get("name").asText().equals(metric)
                    && Objects.equals(m.path("labels").path("season").asText(null), season)) {
                return m.get("value").asDouble();
            }
        }
        return null;
    }
}
