package io.vigil.stats.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every quality function against scikit-learn/SciPy reference values (test resource
 * {@code quality/reference.json}, made by {@code quality/make_reference.py} beside it): values and
 * interval ends to max(1e-12, 1e-9·|x|), CBPE estimates to 1e-6, "no value" where the reference has null.
 */
class QualityReferenceTest {
    private static final JsonNode ROOT = load();

    private static JsonNode load() {
        try (InputStream in = QualityReferenceTest.class.getResourceAsStream("/quality/reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Named<JsonNode>> cases(String kind) {
        List<Named<JsonNode>> out = new ArrayList<>();
        for (JsonNode c : ROOT.path("cases")) if (c.path("kind").asText().equals(kind)) out.add(Named.of(c.path("id").asText(), c));
        return out.stream();
    }

    static Stream<Named<JsonNode>> classifiers() { return Stream.concat(cases("binary"), cases("multiclass")); }
    static Stream<Named<JsonNode>> regressions() { return cases("regression"); }
    static Stream<Named<JsonNode>> estimates() { return cases("cbpe"); }
    static Stream<Named<JsonNode>> calibrations() { return Stream.concat(cases("cbpe"), cases("isotonic")); }

    @Test
    void everyFunctionHasReferenceValues() {
        assertThat(ROOT.path("cases")).hasSize(ROOT.path("meta").path("n_cases").asInt());
        List<String> covered = new ArrayList<>();
        for (JsonNode c : ROOT.path("cases")) {
            c.path("expected").fieldNames().forEachRemaining(covered::add);
            c.path("expected").path("calibrated").fieldNames().forEachRemaining(covered::add);
        }
        for (QualityFunction f : QualityFunction.values()) assertThat(covered).as("reference values").contains(f.languageName());
    }

    @ParameterizedTest
    @MethodSource("classifiers")
    void classifier(JsonNode c) {
        ClassificationRows rows = classificationRows(c);
        QualityArguments args = QualityArguments.DEFAULTS.withClass(c.path("class").asInt()).withQuantile(c.path("q").asDouble());
        for (Map.Entry<String, JsonNode> e : c.path("expected").properties()) {
            QualityFunction f = QualityFunction.byLanguageName(e.getKey());
            check(f, e.getValue(), a -> QualityMetrics.classification(f, rows, a), args);
        }
    }

    @ParameterizedTest
    @MethodSource("regressions")
    void regression(JsonNode c) {
        RegressionRows rows = new RegressionRows(doubles(c.path("predicted")), doubles(c.path("actual")), doubles(c.path("delay")));
        QualityArguments args = QualityArguments.DEFAULTS.withQuantile(c.path("q").asDouble());
        for (Map.Entry<String, JsonNode> e : c.path("expected").properties()) {
            QualityFunction f = QualityFunction.byLanguageName(e.getKey());
            QualityValue v = check(f, e.getValue(), a -> QualityMetrics.regression(f, rows, a), args);
            if (e.getValue().has("excluded")) assertThat(v.excluded()).as("mape excluded").isEqualTo(e.getValue().path("excluded").asLong());
        }
    }

    @ParameterizedTest
    @MethodSource("calibrations")
    void isotonicCalibrationMatchesScikitLearn(JsonNode c) {
        boolean cbpe = c.path("kind").asText().equals("cbpe");
        IsotonicCalibration iso = QualityMetrics.calibration(ClassificationRows.binary(
                doubles(c.path(cbpe ? "reference_score" : "score")), new boolean[c.path(cbpe ? "reference_score" : "score").size()],
                ints(c.path(cbpe ? "reference_actual" : "actual")), new double[c.path(cbpe ? "reference_score" : "score").size()]));
        JsonNode expected = c.path("isotonic");
        assertThat(iso.thresholds()).containsExactly(doubles(expected.path("thresholds")));
        double[] fitted = doubles(expected.path("fitted"));
        for (int i = 0; i < fitted.length; i++) arithmetic("fitted " + i, iso.fitted()[i], fitted[i]);
        double[] probe = doubles(expected.path("probe"));
        double[] calibrated = doubles(expected.path("calibrated"));
        for (int i = 0; i < probe.length; i++) arithmetic("p(" + probe[i] + ")", iso.apply(probe[i]), calibrated[i]);
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void cbpeEstimates(JsonNode c) {
        double[] score = doubles(c.path("score"));
        int[] predicted = ints(c.path("predicted"));
        boolean[] positive = new boolean[predicted.length];
        for (int i = 0; i < predicted.length; i++) positive[i] = predicted[i] == 1;
        ClassificationRows rows = ClassificationRows.binary(score, positive, ints(c.path("actual")), new double[score.length]);
        double[] refScore = doubles(c.path("reference_score"));
        IsotonicCalibration iso = QualityMetrics.calibration(ClassificationRows.binary(refScore, new boolean[refScore.length],
                ints(c.path("reference_actual")), new double[refScore.length]));
        for (boolean calibrate : new boolean[] {true, false}) {
            DoubleUnaryOperator calibration = calibrate ? iso::apply : DoubleUnaryOperator.identity();
            for (Map.Entry<String, JsonNode> e : c.path("expected").path(calibrate ? "calibrated" : "uncalibrated").properties()) {
                QualityFunction f = QualityFunction.byLanguageName(e.getKey());
                QualityValue v = QualityMetrics.estimate(f, rows, calibration);
                assertThat(v.predictions()).isEqualTo(score.length);
                JsonNode want = e.getValue().path("value");
                if (want.isNull()) {
                    assertThat(v.value()).as(f + " has no value").isEmpty();
                } else {
                    assertThat(v.value()).as(f + " calibrate=" + calibrate).isPresent();
                    assertThat(Math.abs(v.value().getAsDouble() - want.asDouble()))
                            .as("%s calibrate=%s: %s vs %s", f, calibrate, v.value(), want).isLessThanOrEqualTo(1e-6);
                }
            }
        }
    }

    private interface Compute { QualityValue apply(QualityArguments a); }

    private static QualityValue check(QualityFunction f, JsonNode expected, Compute compute, QualityArguments args) {
        assertThat(f).as("known function").isNotNull();
        QualityValue v = compute.apply(args);
        JsonNode want = expected.path("value");
        if (want.isNull()) {
            assertThat(v.value()).as(f.languageName() + " has no value").isEmpty();
        } else {
            assertThat(v.value()).as(f.languageName()).isPresent();
            arithmetic(f.languageName(), v.value().getAsDouble(), want.asDouble());
        }
        if (expected.has("lower")) {
            QualityValue lower = compute.apply(args.withBound(QualityArguments.Side.LOWER, 0.95));
            QualityValue upper = compute.apply(args.withBound(QualityArguments.Side.UPPER, 0.95));
            arithmetic(f.languageName() + " lower", lower.value().getAsDouble(), expected.path("lower").asDouble());
            arithmetic(f.languageName() + " upper", upper.value().getAsDouble(), expected.path("upper").asDouble());
            assertThat(lower.point()).isEqualTo(v.point());
            assertThat(lower.interval().upper()).isEqualTo(upper.value().getAsDouble());
        } else if (f.bound() != QualityFunction.Bound.NONE) {
            OptionalDouble lower = compute.apply(args.withBound(QualityArguments.Side.LOWER, 0.95)).value();
            assertThat(lower).as(f.languageName() + " bound without an interval").isEmpty();
        }
        return v;
    }

    static ClassificationRows classificationRows(JsonNode c) {
        int[] predicted = ints(c.path("predicted"));
        int[] actual = ints(c.path("actual"));
        double[] delay = doubles(c.path("delay"));
        if (c.path("kind").asText().equals("binary")) {
            boolean[] positive = new boolean[predicted.length];
            for (int i = 0; i < predicted.length; i++) positive[i] = predicted[i] == 1;
            return ClassificationRows.binary(doubles(c.path("score")), positive, actual, delay);
        }
        int k = c.path("classes").asInt();
        double[][] scores = new double[k][];
        for (int j = 0; j < k; j++) scores[j] = doubles(c.path("scores").get(j));
        return new ClassificationRows(ModelKind.MULTICLASS, k, predicted, actual, scores, delay);
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    static void arithmetic(String what, double actual, double expected) {
        double allowed = Math.max(1e-12, 1e-9 * Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as("%s: %s vs expected %s", what, actual, expected).isLessThanOrEqualTo(allowed);
    }
}
