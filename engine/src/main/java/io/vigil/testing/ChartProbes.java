package io.vigil.testing;

import io.vigil.ast.Expr;
import io.vigil.check.ResolvedRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a backtest chart plots for a rule: the side of its condition that is compared with the threshold,
 * as a rule of its own ("probe") whose instances are that expression's elements at each evaluation. The
 * probe runs through the same planner, compiler and {@code Evaluator} as the rule, so the chart shows
 * exactly the numbers the rule compared, including for values that did not breach.
 *
 * <p>For {@code a > 0.1 and b} the probe is {@code a} with threshold 0.1; for a comparison of two series
 * both sides are probed and there is no threshold line; anything else is probed whole.
 */
public final class ChartProbes {
    private ChartProbes() {}

    /** One probe: a rule evaluating {@code expression}, drawn with {@code prefix} before its labels. */
    public record Probe(ResolvedRule rule, ResolvedRule of, String prefix) {}

    /** A rule's chart: the expression(s) drawn, the threshold line or null, and the probes computing them. */
    public record Plan(ResolvedRule rule, String expression, Double threshold, List<Probe> probes) {}

    public static Plan plan(ResolvedRule rule) {
        Expr e = rule.when();
        while (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.UNLESS)) e = b.left();
        List<Probe> probes = new ArrayList<>();
        if (e instanceof Expr.Binary b && b.op().isComparison()) {
            Double right = constant(b.right());
            Double left = constant(b.left());
            if (right != null && left == null) {
                probes.add(probe(rule, b.left(), 0, ""));
                return new Plan(rule, b.left().span().text(), right, probes);
            }
            if (left != null && right == null) {
                probes.add(probe(rule, b.right(), 0, ""));
                return new Plan(rule, b.right().span().text(), left, probes);
            }
            if (left == null) {
                probes.add(probe(rule, b.left(), 0, "left "));
                probes.add(probe(rule, b.right(), 1, "right "));
                return new Plan(rule, b.left().span().text() + " " + b.op().symbol + " " + b.right().span().text(), null,
                        probes);
            }
        }
        if (e instanceof Expr.Between b && constant(b.subject()) == null) {
            probes.add(probe(rule, b.subject(), 0, ""));
            return new Plan(rule, b.subject().span().text(), constant(b.low()), probes);
        }
        if (constant(e) == null) probes.add(probe(rule, e, 0, ""));
        return new Plan(rule, e.span().text(), null, probes);
    }

    /** The rule with {@code expression} as its condition: no {@code for}, no labels, no notify or trigger. */
    private static Probe probe(ResolvedRule r, Expr expression, int n, String prefix) {
        ResolvedRule p = new ResolvedRule(r.model(), r.name() + "__chart" + n, r.span(), r.schedule(), expression,
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
