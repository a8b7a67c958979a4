package io.vigil.testing;

import io.vigil.ast.Expr;
import io.vigil.check.ResolvedRule;
import java.time.Duration;
import io.vigil.ast.Name;
import io.vigil.stats.quality.QualityFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a backtest chart plots for a rule: the side of its condition that is compared with the threshold,
 * as a rule of its own ("probe") whose instances are that expression's elements at each evaluation. The
 * probe runs through the same planner, compiler and {@code Evaluator} as the rule, so the chart shows
 * exactly the numbers the rule compared, including for values that did not breach.
 *
 * <p>For {@code a > 0.1 and b} the probe is {@code a} with threshold 0.1; for a comparison of two series
 * both sides are probed and there is no threshold line; for {@code x > 1 or y < 2} each side of the
 * {@code or} is charted as above, its lines named after it, with a threshold line each; anything else is
 * probed whole.
 */
public final class ChartProbes {
    private ChartProbes() {}

    /** One probe: a rule evaluating {@code expression}, drawn with {@code prefix} before its labels. */
    public record Probe(ResolvedRule rule, ResolvedRule of, String prefix) {}

    /** A rule's chart: the expression(s) drawn, the threshold lines (none, one, or one per side), and the probes computing them. */
    public record Plan(ResolvedRule rule, String expression, List<Double> thresholds, List<Probe> probes) {
        public Plan {
            thresholds = List.copyOf(thresholds);
            probes = List.copyOf(probes);
        }
    }

    public static Plan plan(ResolvedRule rule) {
        List<Expr> sides = new ArrayList<>();
        sides(rule.when(), sides);
        if (sides.size() == 1) return side(rule, sides.get(0), new int[1], "");
        List<String> expressions = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        int[] n = new int[1];
        for (Expr side : sides) {
            Plan p = side(rule, side, n, side.span().text() + " ");
            expressions.add(p.expression());
            thresholds.addAll(p.thresholds());
            probes.addAll(p.probes());
        }
        return new Plan(rule, String.join(" or ", expressions), thresholds, probes);
    }

    /** The alternatives of an {@code or} chain, each without the filters ({@code and}, {@code unless}) applied to it. */
    private static void sides(Expr e, List<Expr> out) {
        while (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.UNLESS)) e = b.left();
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.OR) {
            sides(b.left(), out);
            sides(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** The chart of one condition; {@code n} numbers the probes, {@code prefix} goes before each line's own prefix. */
    private static Plan side(ResolvedRule rule, Expr e, int[] n, String prefix) {
        List<Probe> probes = new ArrayList<>();
        if (e instanceof Expr.Binary b && b.op().isComparison()) {
            Double right = constant(b.right());
            Double left = constant(b.left());
            if (right != null && left == null) {
                probes.add(probe(rule, b.left(), n[0]++, prefix));
                return new Plan(rule, b.left().span().text(), List.of(right), probes);
            }
            if (left != null && right == null) {
                probes.add(probe(rule, b.right(), n[0]++, prefix));
                return new Plan(rule, b.right().span().text(), List.of(left), probes);
            }
            if (left == null) {
                probes.add(probe(rule, b.left(), n[0]++, prefix + "left "));
                probes.add(probe(rule, b.right(), n[0]++, prefix + "right "));
                return new Plan(rule, b.left().span().text() + " " + b.op().symbol + " " + b.right().span().text(),
                        List.of(), probes);
            }
        }
        if (e instanceof Expr.Between b && constant(b.subject()) == null) {
            probes.add(probe(rule, b.subject(), n[0]++, prefix));
            Double low = constant(b.low());
            return new Plan(rule, b.subject().span().text(), low == null ? List.of() : List.of(low), probes);
        }
        if (constant(e) == null) probes.add(probe(rule, e, n[0]++, prefix));
        return new Plan(rule, e.span().text(), List.of(), probes);
    }

    /** The arguments of a quality call that say which predictions it reads, and so which label coverage goes with it. */
    private static final Set<String> COVERAGE_ARGS = Set.of("window", "delay", "labels");

    /**
     * The label coverage behind a rule's model-quality functions: for each distinct window, delay, label
     * selection and grouping of those calls, a probe of {@code label_coverage(...)} with the same ones, so
     * the backtest report charts the share of the window's predictions that had an outcome as of each T
     * beside the metric computed on them. None when the rule calls no quality function (or only
     * {@code label_coverage}).
     *
     * @return the probes, their rules' conditions the coverage calls; with several, each one's lines are
     *         prefixed with its call
     */
    public static List<Probe> coverage(ResolvedRule rule) {
        Map<String, Expr.Call> calls = new LinkedHashMap<>();
        qualityCalls(rule.when(), calls);
        List<Probe> out = new ArrayList<>();
        for (var e : calls.entrySet()) {
            Expr.Call c = e.getValue();
            List<Expr.Arg> args = c.args().stream()
                    .filter(a -> a.name() != null && COVERAGE_ARGS.contains(a.name().text())).toList();
            Expr.Call call = new Expr.Call(new Name("label_coverage", c.function().span()), args, c.by(), c.span());
            out.add(probe(rule, call, "__coverage" + out.size(), calls.size() > 1 ? e.getKey() + " " : ""));
        }
        return out;
    }

    /** The text of a coverage probe's call, e.g. {@code label_coverage(window=7d) by (segment)}. */
    public static String coverageText(Probe p) {
        Expr.Call c = (Expr.Call) p.rule().when();
        return key(c);
    }

    private static String key(Expr.Call c) {
        StringBuilder s = new StringBuilder("label_coverage(");
        List<String> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            if (a.name() != null && COVERAGE_ARGS.contains(a.name().text())) args.add(a.span().text());
        }
        s.append(String.join(", ", args)).append(')');
        if (c.by() != null) {
            s.append(" by (").append(String.join(", ", c.by().labels().stream().map(Name::text).toList())).append(')');
        }
        return s.toString();
    }

    private static void qualityCalls(Expr e, Map<String, Expr.Call> out) {
        if (e instanceof Expr.Call c) {
            QualityFunction f = QualityFunction.byLanguageName(c.function().text());
            if (f != null && f != QualityFunction.LABEL_COVERAGE) out.putIfAbsent(key(c), c);
            for (Expr.Arg a : c.args()) qualityCalls(a.value(), out);
        } else if (e instanceof Expr.Binary b) {
            qualityCalls(b.left(), out);
            qualityCalls(b.right(), out);
        } else if (e instanceof Expr.Unary u) {
            qualityCalls(u.operand(), out);
        } else if (e instanceof Expr.Between b) {
            qualityCalls(b.subject(), out);
            qualityCalls(b.low(), out);
            qualityCalls(b.high(), out);
        }
    }

    /** The rule with {@code expression} as its condition: no {@code for}, no labels, no notify or trigger. */
    private static Probe probe(ResolvedRule r, Expr expression, int n, String prefix) {
        return probe(r, expression, "__chart" + n, prefix);
    }

    private static Probe probe(ResolvedRule r, Expr expression, String suffix, String prefix) {
        ResolvedRule p = new ResolvedRule(r.model(), r.name() + suffix, r.span(), r.schedule(), expression,
                Duration.ZERO, Duration.ZERO, r.severity(), Map.of(), null, null, null, List.of(), List.of(),
                r.staleness(), r.baseline());
        return new Probe(p, r, prefix);
    }

    /** The value of a constant expression (numbers, unary minus, arithmetic on constants), else null. */
    static Double constant(Expr e) {
        if (e instanceof Expr.Number n) return n.value();
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
            Double v = constant(u.operand());
            return v == null ? null : -v;
        }
        if (e instanceof Expr.Binary b && b.op().isArithmetic()) {
            Double l = constant(b.left());
            Double r = constant(b.right());
            if (l == null || r == null) return null;
            return switch (b.op()) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                default -> l / r;
            };
        }
        return null;
    }
}
