package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.References;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.RuleCompiler;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import io.vigil.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quality functions in rules, end to end on a real store: predictions and outcomes written to the
 * database, rules checked, compiled and evaluated hour by hour through Drools, and the alert timeline
 * compared with one worked out by hand. Run on H2 and on PostgreSQL.
 */
abstract class QualityTimelineContract {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private static final String RULES = """
            model churn {
              every 1h
              notify oncall
              rule low_accuracy { when accuracy(window=1d) by (segment) < 0.6 }
              rule recall_surely_low { when recall(window=1d, bound=upper) < 0.99 }
              rule few_labels { when label_coverage(window=1d) < 0.5 }
            }
            """;

    private JdbcMetricStore store;
    private CompiledGroup group;
    private Evaluator evaluator;
    private final AlertBook book = new AlertBook();

    abstract StoreSettings freshDatabase();

    @BeforeEach
    void setUp() {
        store = JdbcMetricStore.open(freshDatabase());
        CheckResult checked = Checker.check(List.of(new Source("quality.vigil", RULES)),
                new References(Set.of("oncall"), Set.of(), Map.of(), Map.of("churn", ModelKind.BINARY)));
        assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
        CompiledRuleSet compiled = new RuleCompiler(CompileOptions.defaults()).compile(checked.rules());
        group = compiled.groups().get(0);
        evaluator = new Evaluator(new StoreOperands(store,
                new QualityOperands(store::predictions, m -> new QualityModel(ModelKind.BINARY, "churn", 0.5))));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static Instant at(Duration d) { return T0.plus(d); }

    private static Duration h(int hours) { return Duration.ofHours(hours); }

    private static Prediction prediction(String id, double score, String segment) {
        return Prediction.binary("churn", id, at(h(1)), Labels.of("segment", segment), score, null);
    }

    private static Outcome outcome(String id, Duration known, String actual) {
        return Outcome.ofClass("churn", id, at(known), actual);
    }

    /** "rule{labels} firing 0.333" per instance stepped at one tick ("inactive" once resolved). */
    private List<String> tick(int hour) {
        List<String> out = new ArrayList<>();
        for (AlertBook.RuleFold f : book.apply(evaluator.evaluate(group, at(h(hour))))) {
            assertThat(f.result().errors()).as(f.plan().rule().name()).isEmpty();
            for (AlertTracker.InstanceStep s : f.fold().steps()) {
                double v = s.step().state().value();
                out.add(f.plan().rule().name() + s.labels() + " " + s.step().state().status().label()
                        + (Double.isNaN(v) ? "" : String.format(Locale.ROOT, " %.3f", v)));
            }
        }
        return out;
    }

    @Test
    void accuracyAsOfEachHour() {
        // p4's outcome arrives (is written) before its prediction, and joins once it is there
        store.write(Batch.ofOutcomes(List.of(outcome("p4", h(2), "churn"))));
        // predictions at 01:00, segment EU; threshold 0.5: p1, p2 churn; p3, p4 not
        store.write(Batch.ofPredictions(List.of(prediction("p1", 0.9, "EU"), prediction("p2", 0.8, "EU"),
                prediction("p3", 0.3, "EU"), prediction("p4", 0.2, "EU"), prediction("p5", 0.7, "US"))));
        store.write(Batch.ofOutcomes(List.of(
                outcome("p1", h(3), "churn"),
                outcome("p2", h(3), "stay"),                          // wrong ...
                outcome("p2", h(6), "churn"),                         // ... corrected at 06:00
                outcome("p3", h(4).plusSeconds(1), "stay"))));        // known one second after the 04:00 tick

        // 01:00: nothing labelled: no accuracy, no recall (no element, not 0); coverage 0 of 5
        assertThat(tick(1)).containsExactlyInAnyOrder("few_labels{} firing 0.000");
        // 02:00: p4 (predicted not, actually churn): accuracy 0 of 1; recall 0 of 1, Wilson upper 0.793;
        // coverage 1 of 5
        assertThat(tick(2)).containsExactlyInAnyOrder(
                "low_accuracy{segment=EU} firing 0.000",
                "recall_surely_low{} firing 0.793",
                "few_labels{} firing 0.200");
        // 03:00: p1 right, p2 wrong (stay), p4 wrong: 1 of 3; recall: p1 of the positives p1, p4 = 1 of 2,
        // upper 0.905; coverage 3 of 5 is no longer below 0.5
        assertThat(tick(3)).containsExactlyInAnyOrder(
                "low_accuracy{segment=EU} firing 0.333",
                "recall_surely_low{} firing 0.905",
                "few_labels{} inactive");
        // 04:00: p3's outcome is known at 04:00:01, not yet: unchanged
        assertThat(tick(4)).containsExactlyInAnyOrder(
                "low_accuracy{segment=EU} firing 0.333",
                "recall_surely_low{} firing 0.905");
        // 05:00: p3 (predicted not, stay) right: 2 of 4; recall unchanged
        assertThat(tick(5)).containsExactlyInAnyOrder(
                "low_accuracy{segment=EU} firing 0.500",
                "recall_surely_low{} firing 0.905");
        // 06:00: p2 corrected to churn: 3 of 4 resolves; recall 2 of 3 (p1, p2 of p1, p2, p4), upper 0.939
        assertThat(tick(6)).containsExactlyInAnyOrder(
                "low_accuracy{segment=EU} inactive",
                "recall_surely_low{} firing 0.939");
        // the explanation docs/model-quality.md shows (evaluation is a pure function of store and T)
        Evaluator.RuleResult recall = evaluator.evaluate(group, at(h(6))).rules().stream()
                .filter(r -> r.plan().rule().name().equals("recall_surely_low")).findFirst().orElseThrow();
        assertThat(recall.instances().get(0).explanation().toString()).contains(
                "recall(window=1d, bound=upper)",
                "window 1d = (2026-11-25T06:00:00Z, 2026-11-26T06:00:00Z]: 5 predictions, 4 labelled;"
                        + " upper bound of the 95% interval [0.2077, 0.9385] around 0.6667");
    }
}
