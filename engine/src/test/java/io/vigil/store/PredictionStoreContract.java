package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.label.LabelMatcher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Predictions, outcomes and the as-of join (predictions.md §1–2), run unchanged on every back end.
 * Every expectation is worked out by hand from the records each test writes.
 */
abstract class PredictionStoreContract {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    JdbcMetricStore store;

    abstract StoreSettings freshDatabase();

    @BeforeEach
    void open() {
        store = JdbcMetricStore.open(freshDatabase().withRetention(Duration.ofDays(90)).withPoolSize(4));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Instant at(int minutes) { return T0.plus(Duration.ofMinutes(minutes)); }

    static Prediction binary(String id, int minute, double score, String... labels) {
        return Prediction.binary("churn", id, at(minute), Labels.of(labels), score, null);
    }

    static Outcome outcome(String id, int minute, String actual) {
        return Outcome.ofClass("churn", id, at(minute), actual);
    }

    JoinedPredictions read(int fromMinute, int toMinute, Instant asOf, LabelMatcher... matchers) {
        return store.predictions(PredictionQuery.of("churn", at(fromMinute), at(toMinute), asOf, matchers));
    }

    long count(String table) {
        try (Connection c = store.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Outcome class text of each row, by prediction timestamp minute ("-" when not joined). */
    static String actuals(JoinedPredictions j) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < j.predictions(); i++) {
            if (sb.length() > 0) sb.append(' ');
            long minute = Duration.between(T0, Instant.ofEpochMilli(j.timestamps()[i])).toMinutes();
            sb.append(minute).append('=').append(j.joined(i) ? j.classes().get(j.actual()[i]) : "-");
        }
        return sb.toString();
    }

    static JoinedPredictions sorted(JoinedPredictions j) {
        assertThat(j.timestamps()).isSorted(); // the tests write in time order and read one model
        return j;
    }

    @Test
    void joinsTheLatestOutcomeKnownAtAsOfAndNothingKnownLater() {
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.9), binary("b", 2, 0.2), binary("c", 3, 0.7))));
        store.write(Batch.ofOutcomes(List.of(outcome("a", 10, "1"), outcome("a", 20, "0"), outcome("b", 30, "1"))));

        // At minute 20 a's correction is known, b's outcome (known at 30) is not: counting it would leak.
        JoinedPredictions j = read(0, 5, at(20));
        assertThat(j.predictions()).isEqualTo(3);
        assertThat(j.labelled()).isEqualTo(1);
        assertThat(actuals(j)).isEqualTo("1=0 2=- 3=-");
        assertThat(j.outcomeTimestamps()[0]).isEqualTo(at(20).toEpochMilli());

        // One millisecond before the correction, the first outcome holds.
        assertThat(actuals(read(0, 5, at(20).minusMillis(1)))).isEqualTo("1=1 2=- 3=-");
        // b's outcome exactly at asOf is known.
        assertThat(actuals(read(0, 5, at(30)))).isEqualTo("1=0 2=1 3=-");
        assertThat(j.scores()).containsExactly(0.9, 0.2, 0.7);
        assertThat(j.predicted()).containsOnly(JoinedPredictions.NO_CLASS);
    }

    @Test
    void windowIsHalfOpen() {
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.1), binary("b", 2, 0.2), binary("c", 3, 0.3))));
        JoinedPredictions j = read(1, 3, at(60));
        assertThat(j.scores()).containsExactly(0.2, 0.3);
        assertThat(read(3, 10, at(60)).predictions()).isZero();
    }

    @Test
    void anOutcomeSentBeforeItsPredictionJoinsWhenThePredictionArrives() {
        store.write(Batch.ofOutcomes(List.of(outcome("early", 5, "churn"))));
        assertThat(count("outcomes")).isEqualTo(1);
        store.write(Batch.ofPredictions(List.of(binary("early", 1, 0.8))));
        assertThat(actuals(read(0, 2, at(5)))).isEqualTo("1=churn");
        assertThat(actuals(read(0, 2, at(4)))).isEqualTo("1=-");
    }

    @Test
    void labelMatchersSelectPredictionsAndLabelSetsAreInterned() {
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.1, "segment", "EU"), binary("b", 2, 0.2, "segment", "US"),
                binary("c", 3, 0.3, "segment", "EU", "version", "3.2"), binary("d", 4, 0.4, "segment", "EU"))));
        store.write(Batch.ofOutcomes(List.of(outcome("b", 5, "1"), outcome("d", 5, "0"))));

        JoinedPredictions eu = sorted(read(0, 10, at(10), LabelMatcher.eq("segment", "EU")));
        assertThat(eu.scores()).containsExactly(0.1, 0.3, 0.4);
        assertThat(eu.labelled()).isEqualTo(1);
        assertThat(eu.labelSets()).hasSize(2);
        assertThat(eu.labelSets().get(eu.labelSet()[0])).isEqualTo(Labels.of("segment", "EU"));
        assertThat(eu.labelSet()[2]).isEqualTo(eu.labelSet()[0]);

        JoinedPredictions noVersion = sorted(read(0, 10, at(10), LabelMatcher.eq("version", "")));
        assertThat(noVersion.scores()).containsExactly(0.1, 0.2, 0.4);
        assertThat(actuals(noVersion)).isEqualTo("1=- 2=1 4=0");
        assertThat(read(0, 10, at(10), LabelMatcher.re("version", "3\\..*")).scores()).containsExactly(0.3);
        assertThat(read(0, 10, at(10), LabelMatcher.eq("segment", "ASIA")).predictions()).isZero();
    }

    @Test
    void multiclassAndRegressionColumns() {
        store.write(Batch.ofPredictions(List.of(
                Prediction.multiclass("churn", "m1", at(1), Labels.EMPTY, Map.of("cat", 0.7, "dog", 0.3), "cat"),
                Prediction.multiclass("churn", "m2", at(2), Labels.EMPTY, Map.of("cat", 0.1, "dog", 0.2, "eel", 0.7), null),
                Prediction.regression("churn", "r1", at(3), Labels.EMPTY, 12.5))));
        store.write(Batch.ofOutcomes(List.of(outcome("m1", 5, "dog"), Outcome.ofNumber("churn", "r1", at(5), 10.0))));

        JoinedPredictions j = sorted(read(0, 10, at(10)));
        int cat = j.classCode("cat");
        int dog = j.classCode("dog");
        int eel = j.classCode("eel");
        assertThat(j.classScore(0, cat)).isEqualTo(0.7);
        assertThat(j.classScore(0, dog)).isEqualTo(0.3);
        assertThat(j.classScore(0, eel)).isNaN();
        assertThat(j.classScore(1, eel)).isEqualTo(0.7);
        assertThat(j.predicted()[0]).isEqualTo(cat);
        assertThat(j.predicted()[1]).isEqualTo(JoinedPredictions.NO_CLASS);
        assertThat(j.actual()[0]).isEqualTo(dog);
        assertThat(j.actualValues()[0]).isNaN();
        assertThat(j.values()[2]).isEqualTo(12.5);
        assertThat(j.actualValues()[2]).isEqualTo(10.0);
        assertThat(j.classes().get(j.actual()[2])).isEqualTo("10");
        assertThat(j.scores()[0]).isNaN();
    }

    @Test
    void positiveCodesFollowTheContract() {
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.9), binary("b", 2, 0.9), binary("c", 3, 0.9),
                binary("d", 4, 0.9))));
        store.write(Batch.ofOutcomes(List.of(outcome("a", 5, "true"), Outcome.ofNumber("churn", "b", at(5), 1),
                outcome("c", 5, "churn"), outcome("d", 5, "stay"))));
        JoinedPredictions j = sorted(read(0, 10, at(10)));
        boolean[] positive = j.positiveCodes("churn");
        assertThat(positive[j.actual()[0]]).isTrue();
        assertThat(positive[j.actual()[1]]).isTrue();
        assertThat(positive[j.actual()[2]]).isTrue();
        assertThat(positive[j.actual()[3]]).isFalse();
    }

    @Test
    void aKeyRepeatedInOneBodyIsSettledAsAResendWould() {
        // the same prediction twice is stored once; the same outcome (id and time) twice too
        store.write(new Batch(List.of(), List.of(), List.of(binary("a", 1, 0.9), binary("a", 1, 0.9)),
                List.of(outcome("a", 2, "1"), outcome("a", 2, "1"))));
        assertThat(count("predictions")).isEqualTo(1);
        assertThat(count("outcomes")).isEqualTo(1);
        // other content under the same id in one body: refused at the later record, nothing stored
        assertThatThrownBy(() -> store.write(Batch.ofPredictions(List.of(binary("b", 1, 0.3), binary("b", 1, 0.4)))))
                .isInstanceOfSatisfying(RecordConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RecordConflictException.Kind.PREDICTION);
                    assertThat(e.index()).isEqualTo(1);
                });
        assertThatThrownBy(() -> store.write(new Batch(List.of(), List.of(), List.of(),
                List.of(outcome("a", 3, "1"), outcome("a", 3, "0")))))
                .isInstanceOfSatisfying(RecordConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RecordConflictException.Kind.OUTCOME);
                    assertThat(e.index()).isEqualTo(1);
                });
        assertThat(count("predictions")).isEqualTo(1);
        assertThat(count("outcomes")).isEqualTo(1);
        // with replace the later record wins
        store.write(Batch.ofPredictions(List.of(binary("b", 1, 0.3), binary("b", 1, 0.4).replacing())));
        assertThat(read(0, 10, at(10)).scores()).containsExactly(0.9, 0.4);
    }

    @Test
    void resendingIsIdempotentAndADifferentRecordWithTheSameIdIsRefusedWithNothingStored() {
        List<Prediction> first = List.of(binary("a", 1, 0.9, "segment", "EU"), binary("b", 2, 0.2));
        store.write(Batch.ofPredictions(first));
        store.write(Batch.ofPredictions(first));
        assertThat(count("predictions")).isEqualTo(2);

        long outcomesBefore = count("outcomes");
        // c is new, but a conflicts: the whole batch (c and the outcome too) must be refused.
        Batch conflicting = new Batch(List.of(), List.of(),
                List.of(binary("c", 3, 0.5), binary("a", 1, 0.8, "segment", "EU")), List.of(outcome("c", 4, "1")));
        assertThatThrownBy(() -> store.write(conflicting))
                .isInstanceOfSatisfying(RecordConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RecordConflictException.Kind.PREDICTION);
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("'a'").contains("replace");
                });
        assertThat(count("predictions")).isEqualTo(2);
        assertThat(count("outcomes")).isEqualTo(outcomesBefore);
        assertThat(read(0, 10, at(10)).scores()).containsExactly(0.9, 0.2);

        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.8, "segment", "EU").replacing())));
        assertThat(count("predictions")).isEqualTo(2);
        assertThat(read(0, 10, at(10)).scores()).containsExactly(0.8, 0.2);
    }

    @Test
    void twoDifferentRecordsWithOneIdInOneBatchAreAConflict() {
        assertThatThrownBy(() -> store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.9), binary("a", 1, 0.1)))))
                .isInstanceOfSatisfying(RecordConflictException.class, e -> assertThat(e.index()).isEqualTo(1));
        assertThat(count("predictions")).isZero();
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.9), binary("a", 1, 0.9))));
        assertThat(count("predictions")).isEqualTo(1);
    }

    @Test
    void outcomesAreIdempotentCorrectionsAreKeptAndSameTimeConflictsNeedReplace() {
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.9))));
        store.write(Batch.ofOutcomes(List.of(outcome("a", 5, "1"))));
        store.write(Batch.ofOutcomes(List.of(outcome("a", 5, "1"))));
        store.write(Batch.ofOutcomes(List.of(outcome("a", 6, "0"))));
        assertThat(count("outcomes")).isEqualTo(2);

        assertThatThrownBy(() -> store.write(Batch.ofOutcomes(List.of(outcome("b", 5, "1"), outcome("a", 6, "1")))))
                .isInstanceOfSatisfying(RecordConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RecordConflictException.Kind.OUTCOME);
                    assertThat(e.index()).isEqualTo(1);
                });
        assertThat(count("outcomes")).isEqualTo(2);
        store.write(Batch.ofOutcomes(List.of(outcome("a", 6, "1").replacing())));
        assertThat(count("outcomes")).isEqualTo(2);
        assertThat(actuals(read(0, 2, at(10)))).isEqualTo("1=1");
    }

    @Test
    void modelsAreSeparate() {
        store.write(Batch.ofPredictions(List.of(binary("a", 1, 0.9),
                Prediction.binary("fraud", "a", at(1), Labels.EMPTY, 0.3, null))));
        store.write(Batch.ofOutcomes(List.of(Outcome.ofClass("fraud", "a", at(2), "1"))));
        JoinedPredictions churn = read(0, 2, at(5));
        assertThat(churn.scores()).containsExactly(0.9);
        assertThat(churn.labelled()).isZero();
        JoinedPredictions fraud = store.predictions(PredictionQuery.of("fraud", at(0), at(2), at(5)));
        assertThat(fraud.scores()).containsExactly(0.3);
        assertThat(fraud.labelled()).isEqualTo(1);
    }

    @Test
    void purgeKeepsEachModelsRetention() {
        store.write(Batch.ofPredictions(List.of(binary("old", 0, 0.1), binary("new", 60 * 24 * 5, 0.2),
                Prediction.binary("fraud", "old", at(0), Labels.EMPTY, 0.3, null))));
        store.write(Batch.ofOutcomes(List.of(outcome("old", 1, "1"), outcome("new", 60 * 24 * 5 + 1, "0"))));
        Instant now = at(60 * 24 * 10);
        // churn keeps 7 days: its minute-0 prediction and minute-1 outcome go; fraud keeps 30 days.
        long deleted = store.purgePredictions(now, model -> model.equals("churn") ? Duration.ofDays(7) : Duration.ofDays(30));
        assertThat(deleted).isEqualTo(2);
        assertThat(count("predictions")).isEqualTo(2);
        assertThat(count("outcomes")).isEqualTo(1);
        assertThat(store.predictions(PredictionQuery.of("fraud", at(-1), at(1), now)).predictions()).isEqualTo(1);
    }

    @Test
    void distributionsKeepTheirLabelsAndPredictionFeaturesJoinThem() {
        io.vigil.stats.FeatureSample.Numeric eu = new io.vigil.stats.FeatureSample.Numeric(new double[] {1, 2}, 0);
        io.vigil.stats.FeatureSample.Numeric us = new io.vigil.stats.FeatureSample.Numeric(new double[] {9}, 1);
        store.write(new Batch(List.of(), List.of(new FeatureSnapshot("churn", "tenure", at(1), eu, Labels.of("segment", "EU")),
                new FeatureSnapshot("churn", "tenure", at(1), us, Labels.of("segment", "US")))));
        assertThat(count("distributions")).isEqualTo(2);
        Map<String, Prediction.FeatureValue> f1 = Map.of("tenure", Prediction.FeatureValue.of(3), "plan",
                Prediction.FeatureValue.of("basic"));
        Map<String, Prediction.FeatureValue> f2 = Map.of("tenure", Prediction.FeatureValue.NULL, "plan",
                Prediction.FeatureValue.of("pro"));
        store.write(Batch.ofPredictions(List.of(binary("a", 2, 0.1, "segment", "EU").withFeatures(f1),
                binary("b", 2, 0.2, "segment", "EU").withFeatures(f2), binary("c", 2, 0.3, "segment", "US").withFeatures(f1))));

        List<FeatureSnapshot> tenure = store.distributions("churn", "tenure", at(0), at(5));
        assertThat(tenure).extracting(s -> s.at() + " " + s.labels() + " " + show(s.sample())).containsExactly(
                at(1) + " {\"segment\":\"EU\"} [1.0, 2.0] nulls 0",
                at(1) + " {\"segment\":\"US\"} [9.0] nulls 1",
                at(2) + " {\"segment\":\"EU\"} [3.0] nulls 1",
                at(2) + " {\"segment\":\"US\"} [3.0] nulls 0");
        // (at(1), at(5)] leaves the snapshots at minute 1 out.
        List<FeatureSnapshot> all = store.distributions("churn", null, at(1), at(5));
        assertThat(all).extracting(s -> s.feature() + " " + s.labels().get("segment") + " " + show(s.sample())).containsExactly(
                "plan EU {basic=1, pro=1} nulls 0",
                "plan US {basic=1} nulls 0",
                "tenure EU [3.0] nulls 1",
                "tenure US [3.0] nulls 0");
    }

    static String show(io.vigil.stats.FeatureSample s) {
        if (s instanceof io.vigil.stats.FeatureSample.Numeric n) return java.util.Arrays.toString(n.values()) + " nulls " + n.nulls();
        io.vigil.stats.FeatureSample.Categorical c = (io.vigil.stats.FeatureSample.Categorical) s;
        return new java.util.TreeMap<>(c.counts()) + " nulls " + c.nulls();
    }
}
