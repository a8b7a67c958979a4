package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.label.LabelMatcher;
import io.vigil.plan.Operand;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.JoinedPredictions;
import io.vigil.store.Labels;
import io.vigil.store.PredictionQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * From a frame of joined predictions to operand elements: the queries' windows, grouping by labels,
 * the model's threshold and positive class, and what the explanation says. The frame stands in for
 * the store here; the as-of join itself is the store's, tested on H2 and PostgreSQL.
 */
class QualityOperandsTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private final List<PredictionQuery> queries = new ArrayList<>();

    private static Operand.Quality op(String fn, List<String> by, String bound) {
        return new Operand.Quality(fn, Duration.ofDays(7), Duration.ofDays(1), List.of(LabelMatcher.ne("segment", "test")),
                by, null, null, bound, 0.95, null, fn.startsWith("estimated_") ? Duration.ofDays(28) : null, true);
    }

    private QualityOperands source(JoinedPredictions window, JoinedPredictions reference) {
        return new QualityOperands(q -> {
            queries.add(q);
            return queries.size() == 1 ? window : reference;
        }, m -> new QualityModel(ModelKind.BINARY, "churn", 0.5));
    }

    /** EU: 0.9→churn ✓, 0.7 (class "stay" sent) → stay ✗ actual churn, 0.2→no ✓ actual "false"; US: 0.6 → ✗, one unlabelled. */
    private static JoinedPredictions frame() {
        JoinedPredictions.Builder b = new JoinedPredictions.Builder();
        int eu = b.labelSet(Labels.of("segment", "EU"));
        int us = b.labelSet(Labels.of("segment", "US"));
        long t0 = T.minus(Duration.ofDays(3)).toEpochMilli();
        b.outcome(b.add(t0, eu, 0.9, null, null, Double.NaN), t0 + 60_000, "churn", Double.NaN);
        b.outcome(b.add(t0, eu, 0.7, null, "stay", Double.NaN), t0 + 120_000, "churn", Double.NaN);
        b.outcome(b.add(t0, eu, 0.2, null, null, Double.NaN), t0 + 180_000, "false", Double.NaN);
        b.outcome(b.add(t0, us, 0.6, null, null, Double.NaN), t0 + 240_000, "stay", Double.NaN);
        b.add(t0, us, 0.8, null, null, Double.NaN);
        return b.build();
    }

    @Test
    void theFunctionsOfOneEvaluationShareTheReadOfTheirWindow() throws Exception {
        JoinedPredictions frame = frame();
        QualityOperands source = new QualityOperands(q -> {
            queries.add(q);
            return frame;
        }, m -> new QualityModel(ModelKind.BINARY, "churn", 0.5));

        source.compute("churn", op("accuracy", List.of("segment"), null), T);
        source.compute("churn", op("auc", List.of(), null), T);
        source.compute("churn", op("estimated_accuracy", List.of(), null), T);
        // the window once, then the estimate's reference (28 days before it) once
        assertThat(queries).extracting(PredictionQuery::from).containsExactly(
                T.minus(Duration.ofDays(8)), T.minus(Duration.ofDays(36)));

        // another evaluation time is another query: read again
        source.compute("churn", op("accuracy", List.of("segment"), null), T.plusSeconds(3600));
        assertThat(queries).hasSize(3);
        assertThat(queries.get(2).asOf()).isEqualTo(T.plusSeconds(3600));
    }

    @Test
    void windowIsBeforeTheDelayAndOutcomesAreAsOfT() throws Exception {
        source(frame(), null).compute("churn", op("accuracy", List.of(), null), T);
        PredictionQuery q = queries.get(0);
        assertThat(q.to()).isEqualTo(T.minus(Duration.ofDays(1)));
        assertThat(q.from()).isEqualTo(T.minus(Duration.ofDays(8)));
        assertThat(q.asOf()).isEqualTo(T);
        assertThat(q.matchers()).containsExactly(LabelMatcher.ne("segment", "test"));
    }

    @Test
    void oneElementPerSegmentWithTheClassAsSentOrFromTheThreshold() throws Exception {
        List<OperandValue> v = source(frame(), null).compute("churn", op("accuracy", List.of("segment"), null), T);
        // EU: 2 of 3 right ("stay" was sent for 0.7, so it is not churn whatever the score); US: 0 of 1
        assertThat(v).extracting(OperandValue::labels, OperandValue::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(new TreeMap<>(Map.of("segment", "EU")), 2 / 3.0),
                org.assertj.core.groups.Tuple.tuple(new TreeMap<>(Map.of("segment", "US")), 0.0));
        assertThat(v.get(0).note()).contains("window 1w, delay 1d", "3 predictions, 3 labelled");
    }

    @Test
    void boundsNameTheIntervalAndThePoint() throws Exception {
        List<OperandValue> v = source(frame(), null).compute("churn", op("accuracy", List.of(), "lower"), T);
        // 2 of 4: Wilson 95 % [0.150039, 0.849961] (scipy.stats.binomtest(2, 4).proportion_ci(method="wilson"))
        assertThat(v).hasSize(1);
        assertThat(v.get(0).value()).isCloseTo(0.150039, within(1e-6));
        assertThat(v.get(0).note()).contains("5 predictions, 4 labelled", "lower bound of the 95% interval [0.15, 0.85] around 0.5");
    }

    @Test
    void anEmptyWindowCountsZeroPredictionsAndHasNoAccuracy() throws Exception {
        JoinedPredictions empty = new JoinedPredictions.Builder().build();
        assertThat(source(empty, null).compute("churn", op("predictions", List.of(), null), T))
                .extracting(OperandValue::value).containsExactly(0.0);
        queries.clear();
        assertThat(source(empty, null).compute("churn", op("accuracy", List.of(), null), T)).isEmpty();
        queries.clear();
        assertThat(source(empty, null).compute("churn", op("predictions", List.of("segment"), null), T)).isEmpty();
    }

    @Test
    void estimatesCalibrateOnTheReferenceBeforeTheWindow() throws Exception {
        // reference: scores 0.2 / 0.8 whose outcomes say the true rates are 0.5 / 1 (isotonic: 0.2→0.5, 0.8→1)
        JoinedPredictions.Builder r = new JoinedPredictions.Builder();
        int none = r.labelSet(Labels.EMPTY);
        long t0 = T.minus(Duration.ofDays(20)).toEpochMilli();
        r.outcome(r.add(t0, none, 0.2, null, null, Double.NaN), t0 + 1, "churn", Double.NaN);
        r.outcome(r.add(t0, none, 0.2, null, null, Double.NaN), t0 + 1, "stay", Double.NaN);
        r.outcome(r.add(t0, none, 0.8, null, null, Double.NaN), t0 + 1, "churn", Double.NaN);
        JoinedPredictions.Builder w = new JoinedPredictions.Builder();
        int seg = w.labelSet(Labels.EMPTY);
        long t1 = T.minus(Duration.ofDays(2)).toEpochMilli();
        w.add(t1, seg, 0.2, null, null, Double.NaN);
        w.add(t1, seg, 0.8, null, null, Double.NaN);
        List<OperandValue> v = source(w.build(), r.build()).compute("churn", op("estimated_accuracy", List.of(), null), T);
        // ŷ = 0, 1 with p = 0.5, 1: expected correct (1 − 0.5) + 1 = 1.5 of 2
        assertThat(v).extracting(OperandValue::value).containsExactly(0.75);
        PredictionQuery ref = queries.get(1);
        assertThat(ref.to()).isEqualTo(T.minus(Duration.ofDays(8)));
        assertThat(ref.from()).isEqualTo(T.minus(Duration.ofDays(36)));
        assertThat(ref.asOf()).isEqualTo(T);
        assertThat(v.get(0).note()).contains("reference prior(4w)", "3 predictions, 3 labelled", "isotonic calibration");
    }

    @Test
    void multiclassRowsTakeTheArgmaxWhenNoClassIsSentAndZeroForAClassLeftOut() throws Exception {
        JoinedPredictions.Builder b = new JoinedPredictions.Builder();
        int none = b.labelSet(Labels.EMPTY);
        long t0 = T.minus(Duration.ofHours(1)).toEpochMilli();
        // argmax setosa, right; argmax virginica but "versicolor" sent, wrong; no virginica score (0), actual virginica
        b.outcome(b.add(t0, none, Double.NaN, Map.of("setosa", 0.7, "versicolor", 0.2, "virginica", 0.1), null, Double.NaN),
                t0 + 1, "setosa", Double.NaN);
        b.outcome(b.add(t0, none, Double.NaN, Map.of("setosa", 0.1, "versicolor", 0.3, "virginica", 0.6), "versicolor",
                Double.NaN), t0 + 1, "virginica", Double.NaN);
        b.outcome(b.add(t0, none, Double.NaN, Map.of("setosa", 0.5, "versicolor", 0.5), null, Double.NaN),
                t0 + 1, "virginica", Double.NaN);
        JoinedPredictions frame = b.build();
        QualityOperands source = new QualityOperands(q -> frame, m -> new QualityModel(ModelKind.MULTICLASS, "1", 0.5));
        Operand.Quality accuracy = new Operand.Quality("accuracy", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(),
                null, null, null, 0.95, null, null, true);
        assertThat(source.compute("iris", accuracy, T)).extracting(OperandValue::value).containsExactly(1 / 3.0);
        // virginica against the rest: scores 0.1, 0.6 (actual), 0 (actual): positives 0.6, 0 vs negative 0.1 → 1/2
        Operand.Quality auc = new Operand.Quality("auc", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(),
                "virginica", null, null, 0.95, null, null, true);
        assertThat(source.compute("iris", auc, T)).extracting(OperandValue::value).containsExactly(0.5);
        // versicolor predicted once (wrongly): precision 0 of 1
        Operand.Quality precision = new Operand.Quality("precision", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(),
                "versicolor", null, null, 0.95, null, null, true);
        assertThat(source.compute("iris", precision, T)).extracting(OperandValue::value).containsExactly(0.0);
    }

    @Test
    void regressionKindComesFromThePredictionsWhenUndeclaredAndMapeSaysWhatItSkipped() throws Exception {
        JoinedPredictions.Builder b = new JoinedPredictions.Builder();
        int none = b.labelSet(Labels.EMPTY);
        long t0 = T.minus(Duration.ofHours(1)).toEpochMilli();
        b.outcome(b.add(t0, none, Double.NaN, null, null, 11), t0 + 1, "10", 10);
        b.outcome(b.add(t0, none, Double.NaN, null, null, 2), t0 + 1, "0", 0);
        JoinedPredictions frame = b.build();
        QualityOperands source = new QualityOperands(q -> frame, m -> new QualityModel(null, "1", 0.5));
        Operand.Quality mape = new Operand.Quality("mape", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(),
                null, null, null, 0.95, null, null, true);
        List<OperandValue> v = source.compute("price", mape, T);
        assertThat(v).extracting(OperandValue::value).containsExactly(10.0); // |11 − 10| / 10; the 0 is skipped
        assertThat(v.get(0).note()).contains("1 with actual 0 left out");
        Operand.Quality accuracy = new Operand.Quality("accuracy", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(),
                null, null, null, 0.95, null, null, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.compute("price", accuracy, T))
                .isInstanceOf(OperandException.class).hasMessageContaining("a regression model (from its predictions' fields)");
    }
}
