package io.vigil.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's predictions and outcomes as a test computes with them, independently of the store: the as-of join of
 * predictions.md §2 written as plain loops (a prediction in (T − window, T], its outcome only if stamped ≤ T).
 */
final class PredictionHistory {
    /** One prediction, and its outcome if one is known at the time asked. */
    record Pair(Instant at, String season, double score, boolean predicted, Boolean actual) {}

    private record Prediction(String id, Instant at, String season, double score, Map<String, Double> features) {}

    private final List<Prediction> predictions = new ArrayList<>();
    private final Map<String, Instant> outcomeAt = new HashMap<>();
    private final Map<String, Boolean> outcome = new HashMap<>();

    PredictionHistory(List<ObjectNode> predictions, List<ObjectNode> outcomes) {
        for (ObjectNode p : predictions) {
            Map<String, Double> features = new HashMap<>();
            p.get("features").properties().forEach(e -> features.put(e.getKey(), e.getValue().asDouble()));
            this.predictions.add(new Prediction(p.get("id").asText(), Instant.parse(p.get("timestamp").asText()),
                    p.get("labels").get("season").asText(), p.get("score").asDouble(), features));
        }
        for (ObjectNode o : outcomes) {
            outcomeAt.put(o.get("id").asText(), Instant.parse(o.get("timestamp").asText()));
            outcome.put(o.get("id").asText(), o.get("actual").asBoolean());
        }
    }

    /** The predictions of the {@code days} before midnight starting {@code day}, each with its outcome if known then. */
    List<Pair> window(LocalDate day, int days) {
        Instant t = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = t.minus(Duration.ofDays(days));
        List<Pair> out = new ArrayList<>();
        for (Prediction p : predictions) {
            if (!p.at().isAfter(from) || p.at().isAfter(t)) continue;
            Instant known = outcomeAt.get(p.id());
            Boolean actual = known != null && !known.isAfter(t) ? outcome.get(p.id()) : null;
            out.add(new Pair(p.at(), p.season(), p.score(), p.score() >= 0.5, actual));
        }
        return out;
    }

    /** The values of {@code feature} sent with the predictions of (T − days, T], T the midnight starting {@code day}. */
    double[] feature(LocalDate day, int days, String feature) {
        Instant t = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = t.minus(Duration.ofDays(days));
        return predictions.stream().filter(p -> p.at().isAfter(from) && !p.at().isAfter(t))
                .mapToDouble(p -> p.features().get(feature)).toArray();
    }
}
