package io.vigil.stats;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.vigil.stats.Tolerance.absolute;
import static io.vigil.stats.Tolerance.arithmetic;
import static io.vigil.stats.Tolerance.pValue;
import static io.vigil.stats.Tolerance.relative;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the SciPy/NumPy reference vectors (statistics.md), checked at the tolerances listed
 * there: bin edges bit for bit, counts exactly, KS exact p to 1e-10 and asymptotic p to 1e-6 relative,
 * χ²/normal p to 1e-9 relative, JS to 1e-8, everything else to max(1e-12, 1e-9·|x|).
 */
class StatisticsReferenceTest {

    static Stream<Named<JsonNode>> numeric() { return named("numeric_drift"); }
    static Stream<Named<JsonNode>> categorical() { return named("categorical_drift"); }
    static Stream<Named<JsonNode>> binary() { return named("binary_classification"); }
    static Stream<Named<JsonNode>> multiclass() { return named("multiclass_classification"); }
    static Stream<Named<JsonNode>> regression() { return named("regression"); }

    private static Stream<Named<JsonNode>> named(String type) {
        return ReferenceVectors.cases(type).stream().map(c -> Named.of(c.path("id").asText(), c));
    }

    @Test
    void everyCaseIsCovered() {
        List<String> types = List.of("numeric_drift", "categorical_drift", "binary_classification",
                "multiclass_classification", "regression");
        int covered = types.stream().mapToInt(t -> ReferenceVectors.cases(t).size()).sum();
        assertThat(ReferenceVectors.cases()).hasSize(43).hasSize(ReferenceVectors.declaredCount());
        assertThat(covered).isEqualTo(43);
    }

    @ParameterizedTest
    @MethodSource("numeric")
    void numericDrift(JsonNode c) {
        JsonNode e = c.path("expected");
        double[] ref = ReferenceVectors.doubles(c, "reference");
        double[] cur = ReferenceVectors.doubles(c, "current");

        double[] sortedRef = ref.clone();
        Arrays.sort(sortedRef);
        double[] sortedCur = cur.clone();
        Arrays.sort(sortedCur);
        JsonNode binning = e.path("binning_canonical");
        double[] edges = QuantileBins.edges(sortedRef);
        assertThat(bits(edges)).as("edges bit for bit").containsExactly(bits(doubles(binning.path("inner_edges"))));
        assertThat(QuantileBins.counts(sortedRef, edges)).containsExactly(longs(binning.path("reference_counts")));
        assertThat(QuantileBins.counts(sortedCur, edges)).containsExactly(longs(binning.path("current_counts")));

        DriftReport report = DriftCalculator.compare(new FeatureSample.Numeric(ref, 0), new FeatureSample.Numeric(cur, 0));
        assertThat(report.numeric()).isTrue();
        arithmetic("psi", value(report, Statistic.PSI), e.path("psi").path("value").asDouble());
        arithmetic("kl", value(report, Statistic.KL), e.path("kl_divergence").path("value").asDouble());
        absolute("js", value(report, Statistic.JS), e.path("jensen_shannon").path("distance_base2").asDouble(), 1e-8);
        absolute("hellinger", value(report, Statistic.HELLINGER), e.path("hellinger").path("value").asDouble(), 1e-12);
        arithmetic("wasserstein", value(report, Statistic.WASSERSTEIN),
                e.path("wasserstein").path("normalized").asDouble());
        arithmetic("raw W1", Wasserstein.distance(sortedRef, sortedCur), e.path("wasserstein").path("raw").asDouble());
        arithmetic("mean", value(report, Statistic.MEAN), c.path("data_summary").path("current").path("mean").asDouble());
        assertThat(report.get(Statistic.LINF)).isInstanceOf(StatValue.NotApplicable.class);
        assertThat(report.get(Statistic.UNSEEN_RATE)).isInstanceOf(StatValue.NotApplicable.class);
        assertThat(value(report, Statistic.NULL_RATE)).isZero();

        JsonNode ks = e.path("ks");
        arithmetic("ks D", value(report, Statistic.KS), ks.path("statistic").asDouble());
        double p = value(report, Statistic.KS_PVALUE);
        if (ks.path("method_auto").asText().equals("exact")) {
            relative("ks exact p", p, ks.path("p_value_exact").asDouble(), 1e-10);
        } else {
            relative("ks asymptotic p", p, ks.path("p_value_asymp").asDouble(), 1e-6);
        }
        // The asymptotic distribution at every effective n the cases give (25 … 50,000), not only where auto picks it.
        relative("kstwo.sf", KolmogorovDistribution.sf(ks.path("asymp_effective_n").asLong(), ks.path("statistic").asDouble()),
                ks.path("p_value_asymp").asDouble(), 1e-6);

        checkDriftVerdict(report, e, c);
    }

    @ParameterizedTest
    @MethodSource("categorical")
    void categoricalDrift(JsonNode c) {
        JsonNode e = c.path("expected");
        FeatureSample.Categorical ref = categories(ReferenceVectors.labels(c, "reference"));
        FeatureSample.Categorical cur = categories(ReferenceVectors.labels(c, "current"));
        List<String> union = new ArrayList<>();
        e.path("categories").forEach(n -> union.add(n.asText()));
        long[] refCounts = union.stream().mapToLong(k -> ref.counts().getOrDefault(k, 0L)).toArray();
        long[] curCounts = union.stream().mapToLong(k -> cur.counts().getOrDefault(k, 0L)).toArray();
        assertThat(refCounts).containsExactly(longs(e.path("reference_counts")));
        assertThat(curCounts).containsExactly(longs(e.path("current_counts")));
        assertThat(ref.counts().keySet()).as("category order").isSubsetOf(union)
                .containsExactlyElementsOf(union.stream().filter(ref.counts()::containsKey).toList());

        DriftReport report = DriftCalculator.compare(ref, cur);
        assertThat(report.numeric()).isFalse();
        arithmetic("psi", value(report, Statistic.PSI), e.path("psi").path("value").asDouble());
        arithmetic("kl", value(report, Statistic.KL), e.path("kl_divergence").path("value").asDouble());
        absolute("js", value(report, Statistic.JS), e.path("jensen_shannon").path("distance_base2").asDouble(), 1e-8);
        absolute("hellinger", value(report, Statistic.HELLINGER), e.path("hellinger").path("value").asDouble(), 1e-12);
        arithmetic("linf", value(report, Statistic.LINF), e.path("l_infinity").path("value").asDouble());
        long unseen = 0;
        for (int i = 0; i < union.size(); i++) if (refCounts[i] == 0) unseen += curCounts[i];
        arithmetic("unseen_rate", value(report, Statistic.UNSEEN_RATE), (double) unseen / cur.size());
        for (Statistic s : List.of(Statistic.KS, Statistic.KS_PVALUE, Statistic.WASSERSTEIN, Statistic.MEAN,
                Statistic.OUT_OF_RANGE_RATE)) {
            assertThat(report.get(s)).as(s.languageName()).isInstanceOf(StatValue.NotApplicable.class);
        }

        JsonNode chi2 = e.path("chi_square_homogeneity");
        if (chi2.path("p_value").isNull()) {
            assertThat(report.get(Statistic.CHI2_PVALUE)).isInstanceOf(StatValue.Unavailable.class);
        } else {
            ChiSquareTest.Result r = ChiSquareTest.homogeneity(toDoubles(refCounts), toDoubles(curCounts));
            arithmetic("chi2 statistic", r.statistic(), chi2.path("statistic").asDouble());
            assertThat(r.dof()).isEqualTo(chi2.path("dof").asInt());
            pValue("chi2 p", value(report, Statistic.CHI2_PVALUE), chi2.path("p_value").asDouble());
        }
        if (e.has("z_test")) {
            JsonNode z = e.path("z_test");
            assertThat(union.get(0)).isEqualTo(z.path("success_category").asText());
            TwoProportionZTest.Result r = TwoProportionZTest.test(refCounts[0], ref.size(), curCounts[0], cur.size());
            arithmetic("z", r.z(), z.path("z").asDouble());
            pValue("z p", r.pValue(), z.path("p_value").asDouble());
        }
        checkDriftVerdict(report, e, c);
    }

    /**
     * The default selection is Evidently's (statistics.md), so the method must be the one Evidently picked;
     * the score is that method's canonical value from the vectors and the verdict its recommended threshold.
     */
    private static void checkDriftVerdict(DriftReport report, JsonNode e, JsonNode c) {
        JsonNode peer = e.path("peer_evidently").path("default_stattest");
        DriftMethod expected = switch (peer.path("test").asText()) {
            case "ks" -> DriftMethod.KS;
            case "wasserstein" -> DriftMethod.WASSERSTEIN;
            case "chisquare" -> DriftMethod.CHI2;
            case "z" -> DriftMethod.Z;
            case "jensenshannon" -> DriftMethod.JS;
            default -> throw new IllegalStateException(peer.toString());
        };
        assertThat(report.method()).as("drift method").isEqualTo(expected);
        double score = switch (expected) {
            case KS -> e.path("ks").path("p_value_auto").asDouble();
            case WASSERSTEIN -> e.path("wasserstein").path("normalized").asDouble();
            case CHI2 -> e.path("chi_square_homogeneity").path("p_value").asDouble();
            // a single category: the pooled proportion is 1, so z = 0 and p = 1 (statistics.md)
            case Z -> e.has("z_test") ? e.path("z_test").path("p_value").asDouble() : 1.0;
            case JS -> e.path("jensen_shannon").path("distance_base2").asDouble();
        };
        double actual = value(report, Statistic.DRIFT);
        if (expected == DriftMethod.JS) {
            absolute("drift score", actual, score, 1e-8);
        } else if (expected.isPValue()) {
            if (expected == DriftMethod.KS) relative("drift score", actual, score, 1e-6); else pValue("drift score", actual, score);
        } else {
            arithmetic("drift score", actual, score);
        }
        boolean drifted = expected.isPValue() ? score < 0.05 : score >= 0.1;
        assertThat(report.detected()).as("drift_detected for %s", c.path("id").asText()).isEqualTo(drifted);
        assertThat(value(report, Statistic.DRIFT_DETECTED)).isEqualTo(drifted ? 1.0 : 0.0);
    }

    @ParameterizedTest
    @MethodSource("binary")
    void binaryClassification(JsonNode c) {
        JsonNode e = c.path("expected");
        int[] y = ReferenceVectors.ints(c, "y_true");
        double[] score = ReferenceVectors.doubles(c, "score");
        BinaryClassificationMetrics m = BinaryClassificationMetrics.of(y, score);

        arithmetic("accuracy", m.accuracy(), e.path("accuracy").asDouble());
        arithmetic("precision", m.precision(), e.path("precision_pos").asDouble());
        arithmetic("recall", m.recall(), e.path("recall_pos").asDouble());
        arithmetic("f1", m.f1(), e.path("f1_binary_pos1").asDouble());
        arithmetic("f1 macro", m.f1Macro(), e.path("f1_macro").asDouble());
        arithmetic("f1 micro", m.f1Micro(), e.path("f1_micro").asDouble());
        arithmetic("f1 weighted", m.f1Weighted(), e.path("f1_weighted").asDouble());
        arithmetic("auc", m.auc(), e.path("auc_roc").asDouble());
        arithmetic("gini", m.gini(), e.path("gini").asDouble());
        arithmetic("ks", m.ks(), e.path("ks_max_tpr_minus_fpr").asDouble());
        arithmetic("log loss", m.logLoss(), e.path("log_loss").asDouble());
        arithmetic("ece", m.ece(), e.path("ece_binary_10").path("value").asDouble());
        assertThat(CalibrationError.binary(y, score, 10).binCounts())
                .containsExactly(longs(e.path("ece_binary_10").path("bin_counts")));

        for (int bins : new int[] {10, 15}) {
            JsonNode top = e.path("ece_top_label_" + bins);
            CalibrationError ece = CalibrationError.binaryTopLabel(y, score, bins);
            arithmetic("top-label ece " + bins, ece.value(), top.path("value").asDouble());
            assertThat(ece.binCounts()).containsExactly(longs(top.path("bin_counts")));
        }
    }

    @ParameterizedTest
    @MethodSource("multiclass")
    void multiclassClassification(JsonNode c) {
        JsonNode e = c.path("expected");
        int[] y = ReferenceVectors.ints(c, "y_true");
        int classes = c.path("n_classes").asInt();
        double[][] proba = new double[y.length][classes];
        for (int k = 0; k < classes; k++) {
            double[] column = ReferenceVectors.doubles(c, "proba_" + k);
            for (int i = 0; i < y.length; i++) proba[i][k] = column[i];
        }
        MulticlassMetrics m = MulticlassMetrics.of(y, proba);

        arithmetic("accuracy", m.scores().accuracy(), e.path("accuracy").asDouble());
        double[] f1 = doubles(e.path("f1_per_class"));
        for (int k = 0; k < f1.length; k++) arithmetic("f1[" + k + "]", m.scores().f1()[k], f1[k]);
        arithmetic("f1 macro", m.scores().f1Macro(), e.path("f1_macro").asDouble());
        arithmetic("f1 micro", m.scores().f1Micro(), e.path("f1_micro").asDouble());
        arithmetic("f1 weighted", m.scores().f1Weighted(), e.path("f1_weighted").asDouble());
        arithmetic("log loss", m.logLoss(), e.path("log_loss").asDouble());
        double[] auc = doubles(e.path("auc_ovr_per_class"));
        for (int k = 0; k < auc.length; k++) arithmetic("auc[" + k + "]", m.aucPerClass()[k], auc[k]);
        arithmetic("auc macro", m.aucMacro(), e.path("auc_ovr_macro").asDouble());
        arithmetic("ece 10", m.ece10(), e.path("ece_top_label_10").path("value").asDouble());
        arithmetic("ece 15", m.ece15(), e.path("ece_top_label_15").path("value").asDouble());
        assertThat(CalibrationError.topLabel(y, proba, 10).binCounts())
                .containsExactly(longs(e.path("ece_top_label_10").path("bin_counts")));
    }

    @ParameterizedTest
    @MethodSource("regression")
    void regression(JsonNode c) {
        JsonNode e = c.path("expected");
        RegressionMetrics m = RegressionMetrics.of(ReferenceVectors.doubles(c, "y_true"), ReferenceVectors.doubles(c, "y_pred"));

        arithmetic("mse", m.mse(), e.path("mse").asDouble());
        arithmetic("rmse", m.rmse(), e.path("rmse").asDouble());
        arithmetic("mae", m.mae(), e.path("mae").asDouble());
        arithmetic("mean error", m.meanError(), e.path("mean_error_pred_minus_true").asDouble());
        arithmetic("mape %", m.mapePercent(), e.path("mape_percent_nonzero").asDouble());
        assertThat(m.mapeExcluded()).isEqualTo(e.path("n_zero_targets").asLong());
        arithmetic("r2", m.r2(), e.path("r2").asDouble());
    }

    private static double value(DriftReport report, Statistic statistic) {
        StatValue v = report.get(statistic);
        assertThat(v).as(statistic.languageName()).isInstanceOf(StatValue.Value.class);
        return ((StatValue.Value) v).value();
    }

    private static FeatureSample.Categorical categories(String[] labels) {
        Map<String, Long> counts = new HashMap<>();
        for (String label : labels) counts.merge(label, 1L, Long::sum);
        return new FeatureSample.Categorical(counts, 0);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = ReferenceVectors.number(array.get(i));
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
        return out;
    }

    private static double[] toDoubles(long[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
