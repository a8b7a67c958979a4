package io.vigil.plan;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.ast.Expr;
import io.vigil.ast.Name;
import io.vigil.ast.Span;
import io.vigil.ast.StringLit;
import io.vigil.check.ElementFunction;
import io.vigil.check.Functions;
import io.vigil.check.ResolvedRule;
import io.vigil.check.Schedule;
import io.vigil.check.StatisticFunction;
import io.vigil.label.LabelMatcher;
import io.vigil.stats.quality.QualityFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a checked rule into a {@link RulePlan}: collects its operands into slots and folds every
 * scalar-only subtree (scalars come only from literals, so a comparison of two scalars is a constant
 * boolean and a comparison with NaN is the empty set). Relies on the checker's guarantees (types,
 * arity, selectors as window arguments); a violated guarantee is a bug and throws.
 */
public final class Planner {

    /** Builds a node once its consumer's key projection and its depth are known. */
    private interface Builder {
        Node build(Projection key, int depth);
    }

    /** The result of folding a subexpression. */
    private sealed interface Folded {
        record Num(double value) implements Folded {}

        record Bool(boolean value) implements Folded {}

        /** A series set known to be empty whatever the data (e.g. {@code x > 0/0}). */
        record Empty() implements Folded {}

        record Series(Builder builder) implements Folded {}
    }

    private static final Folded EMPTY = new Folded.Empty();

    private final ResolvedRule rule;
    private final List<Operand> slots = new ArrayList<>();
    private int nextId;

    private Planner(ResolvedRule rule) {
        this.rule = rule;
    }

    public static RulePlan plan(ResolvedRule rule) {
        Planner p = new Planner(rule);
        Folded f = p.fold(rule.when());
        Span span = rule.when().span();
        Node root;
        if (f instanceof Folded.Num n) {
            // A scalar holds when non-zero; NaN != 0 is a comparison with NaN, hence false.
            root = new Node.Constant(0, 0, n.value() != 0 && !Double.isNaN(n.value()), n.value(), Projection.NONE, span);
        } else if (f instanceof Folded.Bool b) {
            root = new Node.Constant(0, 0, b.value(), 1, Projection.NONE, span);
        } else if (f instanceof Folded.Series s) {
            root = s.builder().build(Projection.NONE, 0);
        } else {
            root = new Node.Constant(0, 0, false, 0, Projection.NONE, span);
        }
        return new RulePlan(rule, p.slots, root);
    }

    private Folded fold(Expr e) {
        if (e instanceof Expr.Number n) return new Folded.Num(n.value());
        if (e instanceof Expr.Selector s) return input(new Operand.Latest(selector(s), rule.staleness()), s.span());
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Between b) return between(b);
        throw new IllegalArgumentException("not a condition: " + e);
    }

    // ---- leaves ----

    private Folded input(Operand operand, Span span) {
        int found = slots.indexOf(operand);
        int slot = found >= 0 ? found : slots.size();
        if (found < 0) slots.add(operand);
        return new Folded.Series((key, depth) -> new Node.Input(nextId++, depth, slot, key, span));
    }

    private SeriesSelector selector(Expr e) {
        if (!(e instanceof Expr.Selector s)) throw new IllegalArgumentException("not a selector: " + e);
        return new SeriesSelector(rule.model(), s.metric().text(), s.matchers().stream().map(Planner::matcher).toList());
    }

    private static LabelMatcher matcher(Expr.Matcher m) {
        return LabelMatcher.of(m.label().text(), m.op(), m.value().value());
    }

    private Folded call(Expr.Call c) {
        String fn = c.function().text();
        Functions.Function f = Functions.lookup(fn);
        List<Expr> args = c.args().stream().map(Expr.Arg::value).toList();
        return switch (f.kind()) {
            case WINDOW -> window(fn, args, c.span());
            case STATISTIC -> switch (f.statistic().family()) {
                case FEATURE_DISTRIBUTION -> input(distribution(c, f.statistic()), c.span());
                case MODEL_QUALITY -> input(quality(c), c.span());
            };
            case ELEMENTWISE -> elementwise(ElementFunction.byText(fn), args, c.span());
            case AGGREGATION -> aggregate(fn, fold(args.get(0)), c.by(), c.span());
            case BASELINE_WINDOW -> throw new IllegalArgumentException("prior() outside baseline=");
        };
    }

    private Folded window(String fn, List<Expr> args, Span span) {
        if (fn.equals("last")) return input(new Operand.Latest(selector(args.get(0)), rule.staleness()), span);
        Double q = null;
        if (fn.equals("quantile")) {
            q = scalar(fold(args.get(0)));
            args = args.subList(1, args.size());
        }
        Duration range = ((Expr.DurationExpr) args.get(1)).duration().value();
        return input(new Operand.Window(fn, selector(args.get(0)), range, q, rule.staleness()), span);
    }

    private Operand distribution(Expr.Call c, StatisticFunction stat) {
        String fn = stat.name();
        Expr.Arg feature = c.named("feature");
        Expr.Arg baseline = c.named("baseline");
        FeatureSelector f = features(feature.value());
        Operand.Baseline b = null;
        if (baseline != null && baseline.value() instanceof Expr.Str s) {
            b = Operand.Baseline.named(s.string().value());
        } else if (baseline != null) {
            Expr.Call prior = (Expr.Call) baseline.value();
            b = Operand.Baseline.prior(((Expr.DurationExpr) prior.args().get(0).value()).duration().value());
        } else if (rule.baseline() != null && stat.needsBaseline()) {
            b = Operand.Baseline.named(rule.baseline());
        }
        List<String> by = c.by() == null ? List.of() : c.by().labels().stream().map(Name::text).toList();
        return new Operand.Distribution(fn, f, b, windowOf(c, fn), by);
    }

    /** A model-quality call with its defaults filled in, so equal questions of two rules are one operand. */
    private Operand quality(Expr.Call c) {
        String fn = c.function().text();
        QualityFunction f = QualityFunction.byLanguageName(fn);
        Duration w = windowOf(c, fn);
        Expr.Arg delay = c.named("delay");
        List<LabelMatcher> labels = c.named("labels") == null ? List.of()
                : ((Expr.LabelSet) c.named("labels").value()).matchers().stream().map(Planner::matcher).toList();
        List<String> by = c.by() == null ? List.of() : c.by().labels().stream().map(Name::text).toList();
        Expr.Arg cls = c.named("class");
        Expr.Arg bound = c.named("bound");
        Expr.Arg reference = c.named("reference");
        Expr.Arg calibrate = c.named("calibrate");
        return new Operand.Quality(fn, w,
                delay == null ? Duration.ZERO : ((Expr.DurationExpr) delay.value()).duration().value(),
                labels, by,
                cls == null ? null : ((Expr.Str) cls.value()).string().value(),
                number(c, "threshold"),
                bound == null ? null : ((Expr.Selector) bound.value()).metric().text(),
                bound == null || number(c, "confidence") == null ? Operand.Quality.DEFAULT_CONFIDENCE : number(c, "confidence"),
                number(c, "q"),
                !f.estimated() ? null : reference == null ? DEFAULT_REFERENCE
                        : ((Expr.DurationExpr) ((Expr.Call) reference.value()).args().get(0).value()).duration().value(),
                calibrate == null || !((Expr.Selector) calibrate.value()).metric().text().equals("false"));
    }

    /** CBPE's reference when a rule names none: the 28 days before the window (predictions.md §4). */
    static final Duration DEFAULT_REFERENCE = Duration.ofDays(28);

    private static Double number(Expr.Call c, String arg) {
        Expr.Arg a = c.named(arg);
        return a == null ? null : ((Expr.Number) a.value()).value();
    }

    private Duration windowOf(Expr.Call c, String fn) {
        Expr.Arg window = c.named("window");
        if (window != null) return ((Expr.DurationExpr) window.value()).duration().value();
        if (rule.schedule() instanceof Schedule.Every every) return every.interval();
        throw new IllegalArgumentException(fn + " without window= in a cron rule");
    }

    private static FeatureSelector features(Expr value) {
        if (value instanceof Expr.Str s) return FeatureSelector.named(List.of(s.string().value()));
        if (value instanceof Expr.StringList l) return FeatureSelector.named(l.items().stream().map(StringLit::value).toList());
        if (value instanceof Expr.Regex r) return FeatureSelector.matching(r.pattern().value());
        return FeatureSelector.ALL;
    }

    private Folded elementwise(ElementFunction fn, List<Expr> args, Span span) {
        Folded x = fold(args.get(0));
        double bound = fn.takesBound() ? scalar(fold(args.get(1))) : 0;
        if (x instanceof Folded.Num n) return new Folded.Num(fn.apply(n.value(), bound));
        if (x instanceof Folded.Empty) return EMPTY;
        Builder s = series(x);
        // Labels are kept, so the consumer's projection passes down to the child as for a scale.
        return new Folded.Series((key, depth) -> {
            Node in = s.build(key, depth + 1);
            return new Node.Apply(nextId++, depth, fn, in, bound, key, span);
        });
    }

    private Folded aggregate(String fn, Folded child, Expr.Grouping by, Span span) {
        if (child instanceof Folded.Empty) return EMPTY;
        Builder c = series(child);
        Projection groups = by == null ? Projection.NONE : Projection.on(by.labels().stream().map(Name::text).toList());
        return new Folded.Series((key, depth) -> {
            Node in = c.build(groups, depth + 1);
            return new Node.Aggregate(nextId++, depth, fn, in, groups, key, span);
        });
    }

    // ---- operators ----

    private Folded unary(Expr.Unary u) {
        Folded x = fold(u.operand());
        if (u.op() == Expr.UnaryOp.NOT) return new Folded.Bool(!((Folded.Bool) x).value());
        if (x instanceof Folded.Num n) return new Folded.Num(-n.value());
        // -x is x * -1 exactly in IEEE 754 (sign flip, NaN stays NaN)
        if (x instanceof Folded.Series s) return scale(BinaryOp.MUL, s.builder(), -1, false, u.span());
        return x;
    }

    private Folded binary(Expr.Binary b) {
        Folded l = fold(b.left());
        Folded r = fold(b.right());
        BinaryOp op = b.op();
        if (l instanceof Folded.Bool x && r instanceof Folded.Bool y) {
            return new Folded.Bool(switch (op) {
                case AND -> x.value() && y.value();
                case OR -> x.value() || y.value();
                case UNLESS -> x.value() && !y.value();
                default -> throw new IllegalArgumentException(op + " on booleans");
            });
        }
        if (l instanceof Folded.Num x && r instanceof Folded.Num y) {
            return op.isArithmetic() ? new Folded.Num(arithmetic(op, x.value(), y.value()))
                    : new Folded.Bool(compare(op, x.value(), y.value()));
        }
        if (op.isSet()) return setOp(b, l, r);
        if (l instanceof Folded.Empty || r instanceof Folded.Empty) return EMPTY;
        if (r instanceof Folded.Num y) return scalarOp(op, series(l), y.value(), false, b.opSpan());
        if (l instanceof Folded.Num x) return scalarOp(op, series(r), x.value(), true, b.opSpan());
        Builder left = series(l);
        Builder right = series(r);
        Projection m = matching(b.matching());
        return new Folded.Series((key, depth) -> {
            Node ln = left.build(m, depth + 1);
            Node rn = right.build(m, depth + 1);
            return new Node.Vector(nextId++, depth, op, ln, rn, m, key, b.opSpan());
        });
    }

    private Folded setOp(Expr.Binary b, Folded l, Folded r) {
        BinaryOp op = b.op();
        boolean le = l instanceof Folded.Empty;
        boolean re = r instanceof Folded.Empty;
        if (le && (re || op != BinaryOp.OR)) return EMPTY;
        if (re) return op == BinaryOp.AND ? EMPTY : l;
        if (le) return r;
        Builder left = series(l);
        Builder right = series(r);
        Projection m = matching(b.matching());
        return new Folded.Series((key, depth) -> {
            Node ln = left.build(m, depth + 1);
            Node rn = right.build(m, depth + 1);
            return new Node.SetOp(nextId++, depth, op, ln, rn, m, key, b.opSpan());
        });
    }

    /** {@code series op scalar}, or {@code scalar op series} when {@code scalarLeft}. */
    private Folded scalarOp(BinaryOp op, Builder s, double scalar, boolean scalarLeft, Span span) {
        if (op.isArithmetic()) return scale(op, s, scalar, scalarLeft, span);
        return filter(s, scalarLeft ? flip(op) : op, scalar, span);
    }

    private Folded scale(BinaryOp op, Builder s, double scalar, boolean scalarLeft, Span span) {
        return new Folded.Series((key, depth) -> {
            Node in = s.build(key, depth + 1);
            return new Node.Scale(nextId++, depth, op, in, scalar, scalarLeft, key, span);
        });
    }

    private Folded filter(Builder s, BinaryOp op, double bound, Span span) {
        if (Double.isNaN(bound)) return EMPTY;
        double b = bound + 0.0; // -0.0 and 0.0 are equal in IEEE 754; keep one spelling in the DRL
        return new Folded.Series((key, depth) -> {
            Node in = s.build(key, depth + 1);
            return new Node.Filter(nextId++, depth, in, op, b, key, span);
        });
    }

    private Folded between(Expr.Between b) {
        Folded x = fold(b.subject());
        double lo = scalar(fold(b.low()));
        double hi = scalar(fold(b.high()));
        if (x instanceof Folded.Num n) return new Folded.Bool(n.value() >= lo && n.value() <= hi);
        if (!(x instanceof Folded.Series s)) return x;
        Folded low = filter(s.builder(), BinaryOp.GE, lo, b.span());
        return low instanceof Folded.Series ls ? filter(ls.builder(), BinaryOp.LE, hi, b.span()) : EMPTY;
    }

    // ---- helpers ----

    private static Builder series(Folded f) {
        if (f instanceof Folded.Series s) return s.builder();
        throw new IllegalArgumentException("expected a series set, got " + f);
    }

    private static double scalar(Folded f) {
        if (f instanceof Folded.Num n) return n.value();
        throw new IllegalArgumentException("expected a scalar, got " + f);
    }

    private static Projection matching(Expr.Matching m) {
        if (m == null) return Projection.ALL;
        List<String> labels = m.labels().stream().map(Name::text).toList();
        return m.on() ? Projection.on(labels) : Projection.ignoring(labels);
    }

    static double arithmetic(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            default -> throw new IllegalArgumentException(op.symbol);
        };
    }

    /** IEEE 754 comparison: false whenever either side is NaN, including for {@code !=}. */
    static boolean compare(BinaryOp op, double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return false;
        return switch (op) {
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case EQ -> a == b;
            case NE -> a != b;
            default -> throw new IllegalArgumentException(op.symbol);
        };
    }

    /** The operator with its operands swapped: {@code c < x} is {@code x > c}. */
    static BinaryOp flip(BinaryOp op) {
        return switch (op) {
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            default -> op;
        };
    }
}
