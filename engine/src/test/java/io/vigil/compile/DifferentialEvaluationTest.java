package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.plan.Node;
import io.vigil.plan.Operand;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random rules and random operand values, evaluated by the production path (check, plan, steps, the fixed
 * Drools rules) and by {@link ReferenceEvaluator}: both must give the same elements (labels and values,
 * NaN equal to NaN) and fail on the same inputs. Seeded: a failure prints the seed, the rule, its plan
 * and the inputs; {@code -Doracle.seed=N} replays a seed, {@code -Doracle.batches=N} runs more.
 * About 6 s for its 2,500 rules alone on the 2-core machine (30 s when eight builds share it).
 */
class DifferentialEvaluationTest {

    private static final String[] METRICS = {"a", "b", "c"};
    private static final String[] LABELS = {"seg", "v", "w"};
    private static final String[][] VALUES = {{"x", "y"}, {"1", "2"}, {"q"}};
    private static final double[] NUMBERS = {0, -0.0, 0.5, 1, 2, 3, -1, 10, Double.NaN, Double.POSITIVE_INFINITY};
    private static final int RULES_PER_BATCH = 100;
    private static final int INPUTS_PER_BATCH = 4;

    @Test
    void droolsAndTheReferenceEvaluatorAgreeOnRandomRules() {
        long seed = Long.getLong("oracle.seed", 20261203L);
        int batches = Integer.getInteger("oracle.batches", 25);
        long started = System.nanoTime();
        int plans = 0;
        int comparisons = 0;
        int nonEmpty = 0;
        int failures = 0;
        for (int batch = 0; batch < batches; batch++) {
            long batchSeed = seed * 1_000_003L + batch;
            Random random = new Random(batchSeed);
            List<String> conditions = new ArrayList<>();
            for (int i = 0; i < RULES_PER_BATCH; i++) conditions.add(new Generator(random).root());
            CompiledGroup group = compile(conditions, batchSeed);
            plans += group.rules().size();
            for (int round = 0; round < INPUTS_PER_BATCH; round++) {
                Map<String, List<ReferenceEvaluator.Element>> data = new LinkedHashMap<>();
                for (String m : METRICS) data.put(m, elements(random));
                Inputs inputs = group.newInputs();
                for (int o = 0; o < group.operands().size(); o++) {
                    for (ReferenceEvaluator.Element e : data.get(metric(group.operands().get(o)))) inputs.add(o, e.labels(), e.value());
                }
                List<RuleOutcome> outcomes = group.evaluate(inputs);
                for (int r = 0; r < group.rules().size(); r++) {
                    RulePlan plan = group.rules().get(r);
                    List<List<ReferenceEvaluator.Element>> slots = plan.slots().stream().map(o -> data.get(metric(o))).toList();
                    ReferenceEvaluator.Result expected = ReferenceEvaluator.evaluate(plan, slots);
                    RuleOutcome got = outcomes.get(r);
                    String context = "seed " + seed + " (-Doracle.seed=" + seed + "), batch " + batch + ", round " + round
                            + "\nrule: when " + plan.rule().name() + ": " + condition(plan, conditions)
                            + "\nplan:\n" + describe(plan.root(), "  ") + "inputs: " + data
                            + "\nDrools: " + got.breaches() + " errors " + got.errors()
                            + "\noracle: " + expected.elements() + " error " + expected.error();
                    assertThat(got.failed()).as(context).isEqualTo(expected.error() != null);
                    assertThat(sorted(got.breaches().stream().map(b -> new ReferenceEvaluator.Element(b.labels(), b.value())).toList()))
                            .as(context).usingElementComparator(DifferentialEvaluationTest::compareElements)
                            .containsExactlyElementsOf(sorted(expected.elements()));
                    comparisons++;
                    if (!expected.elements().isEmpty()) nonEmpty++;
                    if (expected.error() != null) failures++;
                }
            }
        }
        System.out.printf("differential evaluation: seed %d, %d plans, %d comparisons (%d with breaches, %d failed"
                        + " evaluations) in %d ms%n", seed, plans, comparisons, nonEmpty, failures,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(plans).isGreaterThanOrEqualTo(batches * RULES_PER_BATCH);
        // the generator must reach both kinds of outcome often, or the comparison proves little
        assertThat(nonEmpty).isGreaterThan(comparisons / 5);
        assertThat(failures).isGreaterThan(0);
    }

    private static CompiledGroup compile(List<String> conditions, long batchSeed) {
        StringBuilder text = new StringBuilder("model m {\n  every 1m\n");
        for (int i = 0; i < conditions.size(); i++) text.append("  rule r").append(i).append(" { when ").append(conditions.get(i)).append(" }\n");
        text.append("}\n");
        CheckResult checked = Checker.check(List.of(new Source("random.vigil", text.toString())), null);
        assertThat(checked.hasErrors()).as("batch seed " + batchSeed + ": the generator wrote a rule the checker refuses: "
                + checked.diagnostics()).isFalse();
        CompiledRuleSet set = new RuleCompiler(CompileOptions.defaults()).compile(checked.rules());
        assertThat(set.groups()).hasSize(1);
        return set.groups().get(0);
    }

    private static String condition(RulePlan plan, List<String> conditions) {
        return conditions.get(Integer.parseInt(plan.rule().name().substring(1)));
    }

    private static String metric(Operand o) {
        return ((Operand.Latest) o).selector().metric();
    }

    /** Distinct label sets (a store holds one series per label set), values from the awkward ones. */
    private static List<ReferenceEvaluator.Element> elements(Random random) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            Map<String, String> labels = new TreeMap<>();
            for (int l = 0; l < LABELS.length; l++) {
                if (random.nextInt(3) > 0) labels.put(LABELS[l], VALUES[l][random.nextInt(VALUES[l].length)]);
            }
            double value = random.nextInt(8) == 0 ? Math.round(random.nextGaussian() * 1000) / 100.0 : NUMBERS[random.nextInt(NUMBERS.length)];
            out.putIfAbsent(labels, value);
        }
        List<ReferenceEvaluator.Element> list = new ArrayList<>();
        out.forEach((labels, value) -> {
            Map<String, String> withEmpty = new TreeMap<>(labels);
            // an empty value is the missing label (Prometheus): the same series
            if (!labels.containsKey("w") && random.nextInt(5) == 0) withEmpty.put("w", "");
            list.add(new ReferenceEvaluator.Element(withEmpty, value));
        });
        return list;
    }

    private static List<ReferenceEvaluator.Element> sorted(List<ReferenceEvaluator.Element> in) {
        List<ReferenceEvaluator.Element> out = new ArrayList<>(in);
        out.sort(Comparator.comparing((ReferenceEvaluator.Element e) -> new TreeMap<>(e.labels()).toString())
                .thenComparing(ReferenceEvaluator.Element::value));
        return out;
    }

    /**
     * Labels equal (empty values count as missing); values equal as numbers, NaN equal to NaN, with a
     * relative 1e-9 for sums and averages, whose order of addition the oracle does not share.
     */
    private static int compareElements(ReferenceEvaluator.Element a, ReferenceEvaluator.Element b) {
        Map<String, String> la = new TreeMap<>(a.labels());
        Map<String, String> lb = new TreeMap<>(b.labels());
        la.values().removeIf(String::isEmpty);
        lb.values().removeIf(String::isEmpty);
        if (!la.equals(lb)) return 1;
        double x = a.value();
        double y = b.value();
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.isNaN(x) && Double.isNaN(y) ? 0 : 1;
        if (x == y) return 0;
        if (Double.isInfinite(x) || Double.isInfinite(y)) return 1;
        return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))) ? 0 : 1;
    }

    /** The plan as an indented tree, for failure messages. */
    private static String describe(Node n, String indent) {
        String head;
        if (n instanceof Node.Input i) head = "input slot " + i.slot();
        else if (n instanceof Node.Constant c) head = "constant " + (c.holds() ? c.value() : "(never)");
        else if (n instanceof Node.Filter f) head = "filter " + f.op().symbol + " " + f.bound();
        else if (n instanceof Node.Scale s) {
            head = "scale " + (s.scalarLeft() ? s.scalar() + " " + s.op().symbol + " x" : "x " + s.op().symbol + " " + s.scalar());
        } else if (n instanceof Node.Apply a) head = "apply " + a.function().text() + " " + a.bound();
        else if (n instanceof Node.Vector v) head = "vector " + v.op().symbol + " " + v.matching().describe();
        else if (n instanceof Node.SetOp s) head = "setop " + s.op().symbol + " " + s.matching().describe();
        else if (n instanceof Node.Aggregate a) head = a.function() + " by " + a.by().describe();
        else head = n.toString();
        StringBuilder out = new StringBuilder(indent).append(head).append('\n');
        for (Node c : n.children()) out.append(describe(c, indent + "  "));
        return out.toString();
    }

    /** Writes random well-typed conditions; every binary operation is parenthesised, so precedence never matters. */
    private static final class Generator {
        private final Random random;

        Generator(Random random) { this.random = random; }

        String root() {
            if (random.nextInt(50) == 0) return scalar() + " " + pick("<", ">", "==", "!=") + " " + scalar();
            return series(4);
        }

        private String series(int depth) {
            if (depth == 0 || random.nextInt(5) == 0) return pick(METRICS);
            return switch (random.nextInt(12)) {
                case 0 -> "(" + series(depth - 1) + " " + pick("+", "-", "*", "/") + " " + scalar() + ")";
                case 1 -> "(" + scalar() + " " + pick("+", "-", "*", "/") + " " + series(depth - 1) + ")";
                case 2 -> "(" + series(depth - 1) + " " + pick("+", "-", "*", "/") + matching() + series(depth - 1) + ")";
                case 3 -> "(" + series(depth - 1) + " " + comparison() + " " + scalar() + ")";
                case 4 -> "(" + scalar() + " " + comparison() + " " + series(depth - 1) + ")";
                case 5 -> "(" + series(depth - 1) + " " + comparison() + matching() + series(depth - 1) + ")";
                case 6 -> "(" + series(depth - 1) + " between " + scalar() + " and " + scalar() + ")";
                case 7, 8 -> "(" + series(depth - 1) + " " + pick("and", "or", "unless") + matching() + series(depth - 1) + ")";
                case 9 -> pick("count_of", "sum_of", "avg_of", "max_of", "min_of") + "(" + series(depth - 1) + ")" + by();
                case 10 -> random.nextBoolean()
                        ? pick("abs", "sqrt", "ln", "exp") + "(" + series(depth - 1) + ")"
                        : pick("clamp_min", "clamp_max") + "(" + series(depth - 1) + ", " + scalar() + ")";
                default -> "-" + series(depth - 1);
            };
        }

        private String scalar() {
            return switch (random.nextInt(10)) {
                case 0 -> "(" + number() + " " + pick("+", "-", "*", "/") + " " + number() + ")";
                case 1 -> "-" + number();
                default -> number();
            };
        }

        private String number() { return pick("0", "0.5", "1", "2", "3", "10", "1e-3", "15%"); }

        private String comparison() { return pick("<", "<=", ">", ">=", "==", "!="); }

        private String matching() {
            return switch (random.nextInt(4)) {
                case 0 -> " on(" + labels() + ") ";
                case 1 -> " ignoring(" + labels() + ") ";
                default -> " ";
            };
        }

        private String by() {
            return random.nextInt(3) == 0 ? "" : " by (" + labels() + ")";
        }

        private String labels() {
            List<String> out = new ArrayList<>();
            for (String l : LABELS) if (random.nextBoolean()) out.add(l);
            if (out.isEmpty()) out.add(pick(LABELS));
            return String.join(", ", out);
        }

        private String pick(String... options) { return options[random.nextInt(options.length)]; }
    }
}
