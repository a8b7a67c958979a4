package io.vigil.compile;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.plan.Node;
import io.vigil.plan.Projection;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plain-Java evaluator of a {@link RulePlan}, written from language.md §3 and nothing of the compile
 * package: the differential oracle of {@link DifferentialEvaluationTest}. Like Prometheus' engine it matches
 * elements through hash maps keyed by the matched labels, which is independent of the Drools joins on
 * length-prefixed key strings it checks. Slow and simple on purpose.
 */
final class ReferenceEvaluator {

    /** One element of a series set; labels never hold empty values (a missing label is the empty one). */
    record Element(Map<String, String> labels, double value) {}

    /** The rule's breaches, or the reason its evaluation failed (then there are none). */
    record Result(List<Element> elements, String error) {}

    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) { super(message, null, false, false); }
    }

    private ReferenceEvaluator() {}

    /** Evaluates {@code plan} on the elements of each of its slots ({@code slots.get(i)} for slot i). */
    static Result evaluate(RulePlan plan, List<List<Element>> slots) {
        try {
            return new Result(eval(plan.root(), slots), null);
        } catch (Failed f) {
            return new Result(List.of(), f.getMessage());
        }
    }

    private static List<Element> eval(Node n, List<List<Element>> slots) {
        if (n instanceof Node.Input i) {
            List<Element> out = new ArrayList<>();
            for (Element e : slots.get(i.slot())) out.add(new Element(dropEmpty(e.labels()), e.value()));
            return out;
        }
        if (n instanceof Node.Constant c) {
            return c.holds() ? List.of(new Element(Map.of(), c.value())) : List.of();
        }
        if (n instanceof Node.Filter f) {
            List<Element> out = new ArrayList<>();
            for (Element e : eval(f.child(), slots)) if (compare(e.value(), f.op(), f.bound())) out.add(e);
            return out;
        }
        if (n instanceof Node.Scale s) {
            List<Element> out = new ArrayList<>();
            for (Element e : eval(s.child(), slots)) {
                double v = s.scalarLeft() ? arithmetic(s.scalar(), s.op(), e.value()) : arithmetic(e.value(), s.op(), s.scalar());
                out.add(new Element(e.labels(), v));
            }
            return out;
        }
        if (n instanceof Node.Apply a) {
            List<Element> out = new ArrayList<>();
            for (Element e : eval(a.child(), slots)) out.add(new Element(e.labels(), function(a.function().text(), e.value(), a.bound())));
            return out;
        }
        if (n instanceof Node.Vector v) return vector(v, eval(v.left(), slots), eval(v.right(), slots));
        if (n instanceof Node.SetOp s) return setOp(s, eval(s.left(), slots), eval(s.right(), slots));
        if (n instanceof Node.Aggregate a) return aggregate(a, eval(a.child(), slots));
        throw new IllegalArgumentException("unknown node " + n);
    }

    /** One-to-one matching: an element with two partners on the other side fails the rule (language.md §3.4). */
    private static List<Element> vector(Node.Vector v, List<Element> left, List<Element> right) {
        Map<Map<String, String>, List<Element>> rightBy = index(right, v.matching());
        Map<Map<String, String>, List<Element>> leftBy = index(left, v.matching());
        List<Element> out = new ArrayList<>();
        for (Element l : left) {
            Map<String, String> key = matched(l.labels(), v.matching());
            List<Element> partners = rightBy.getOrDefault(key, List.of());
            if (partners.isEmpty()) continue;
            if (partners.size() > 1) throw new Failed("left element " + l + " has " + partners.size() + " partners");
            if (leftBy.get(key).size() > 1) throw new Failed("right element " + partners.get(0) + " has " + leftBy.get(key).size() + " partners");
            Element r = partners.get(0);
            Map<String, String> labels = resultLabels(l.labels(), v.matching());
            if (v.op().isComparison()) {
                if (compare(l.value(), v.op(), r.value())) out.add(new Element(labels, l.value()));
            } else {
                out.add(new Element(labels, arithmetic(l.value(), v.op(), r.value())));
            }
        }
        return out;
    }

    /** Many-to-many matching; {@code and}/{@code unless} keep the left element, {@code or} each side's own. */
    private static List<Element> setOp(Node.SetOp s, List<Element> left, List<Element> right) {
        Set<Map<String, String>> rightKeys = new HashSet<>(index(right, s.matching()).keySet());
        Set<Map<String, String>> leftKeys = new HashSet<>(index(left, s.matching()).keySet());
        List<Element> out = new ArrayList<>();
        switch (s.op()) {
            case AND -> { for (Element l : left) if (rightKeys.contains(matched(l.labels(), s.matching()))) out.add(l); }
            case UNLESS -> { for (Element l : left) if (!rightKeys.contains(matched(l.labels(), s.matching()))) out.add(l); }
            case OR -> {
                out.addAll(left);
                for (Element r : right) if (!leftKeys.contains(matched(r.labels(), s.matching()))) out.add(r);
            }
            default -> throw new IllegalArgumentException("not a set operator: " + s.op());
        }
        return out;
    }

    private static List<Element> aggregate(Node.Aggregate a, List<Element> in) {
        Map<Map<String, String>, List<Double>> groups = new HashMap<>();
        for (Element e : in) groups.computeIfAbsent(matched(e.labels(), a.by()), k -> new ArrayList<>()).add(e.value());
        List<Element> out = new ArrayList<>();
        groups.forEach((labels, values) -> out.add(new Element(labels, aggregate(a.function(), values))));
        return out;
    }

    private static double aggregate(String function, List<Double> values) {
        double sum = 0;
        for (double v : values) sum += v;
        return switch (function) {
            case "count_of" -> values.size();
            case "sum_of" -> sum;
            case "avg_of" -> sum / values.size();
            // NaN only when every value is NaN, as Prometheus' max and min
            case "max_of" -> extreme(values, 1);
            case "min_of" -> extreme(values, -1);
            default -> throw new IllegalArgumentException("unknown aggregation " + function);
        };
    }

    private static double extreme(List<Double> values, int sign) {
        double best = Double.NaN;
        for (double v : values) {
            if (Double.isNaN(v)) continue;
            // Math.max/min order 0.0 above -0.0, so the result does not depend on the elements' order
            best = Double.isNaN(best) ? v : sign > 0 ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }

    /** IEEE 754 comparison: false with NaN, and −0.0 equals 0.0 (Java's primitive operators do exactly this). */
    static boolean compare(double l, BinaryOp op, double r) {
        return switch (op) {
            case LT -> l < r;
            case LE -> l <= r;
            case GT -> l > r;
            case GE -> l >= r;
            case EQ -> l == r;
            case NE -> l != r && !Double.isNaN(l) && !Double.isNaN(r);
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    private static double arithmetic(double l, BinaryOp op, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            default -> throw new IllegalArgumentException("not arithmetic: " + op);
        };
    }

    private static double function(String name, double x, double bound) {
        return switch (name) {
            case "abs" -> Math.abs(x);
            case "sqrt" -> Math.sqrt(x);
            case "ln" -> Math.log(x);
            case "exp" -> Math.exp(x);
            case "clamp_min" -> Double.isNaN(x) ? x : Math.max(x, bound);
            case "clamp_max" -> Double.isNaN(x) ? x : Math.min(x, bound);
            default -> throw new IllegalArgumentException("unknown function " + name);
        };
    }

    private static Map<Map<String, String>, List<Element>> index(List<Element> elements, Projection matching) {
        Map<Map<String, String>, List<Element>> out = new HashMap<>();
        for (Element e : elements) out.computeIfAbsent(matched(e.labels(), matching), k -> new ArrayList<>()).add(e);
        return out;
    }

    /** The labels two elements must agree on; a missing label and an empty one are the same (absent). */
    private static Map<String, String> matched(Map<String, String> labels, Projection p) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            boolean listed = p.labels().contains(e.getKey());
            boolean keep = switch (p.mode()) {
                case ALL -> true;
                case ON -> listed;
                case IGNORING -> !listed;
            };
            if (keep) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The left element's labels, minus the ignoring labels or only the on labels. */
    private static Map<String, String> resultLabels(Map<String, String> labels, Projection matching) {
        return new TreeMap<>(matched(labels, matching));
    }

    private static Map<String, String> dropEmpty(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (!v.isEmpty()) out.put(k, v);
        });
        return out;
    }
}
