package io.vigil.check;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Expr;
import io.vigil.ast.StringLit;
import io.vigil.label.LabelMatcher;
import io.vigil.stats.quality.ModelKind;
import io.vigil.stats.quality.QualityFunction;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Type-checks one {@code when} expression (language.md §3.7) and reports every problem it finds.
 * The static types are those of {@link ExprTypes}; this class adds the located diagnostics.
 */
final class ExprChecker {

    /** What the checker needs to know about the rule around the expression. */
    record Context(String model, boolean cronSchedule, boolean baselineKnown, boolean configKnown, ModelKind modelKind) {}

    private final Context context;
    private final List<Diagnostic> out;

    ExprChecker(Context context, List<Diagnostic> out) {
        this.context = context;
        this.out = out;
    }

    /** Checks {@code e} and returns its type; on an error the type is a best guess that limits follow-on errors. */
    Type check(Expr e) {
        if (e instanceof Expr.Number) return Type.SCALAR;
        if (e instanceof Expr.DurationExpr) return Type.DURATION;
        if (e instanceof Expr.Str) return Type.STRING;
        if (e instanceof Expr.Wildcard) {
            error(e, Messages.WILDCARD_ONLY_FEATURE);
            return Type.SERIES;
        }
        if (e instanceof Expr.StringList || e instanceof Expr.Regex) {
            error(e, Messages.LIST_OR_REGEX_ONLY_FEATURE);
            return Type.SERIES;
        }
        if (e instanceof Expr.Selector s) {
            checkMatchers(s.matchers());
            return Type.SERIES;
        }
        if (e instanceof Expr.LabelSet l) {
            error(l, Messages.LABEL_SET_ONLY_LABELS);
            return Type.STRING;
        }
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        return between((Expr.Between) e);
    }

    private void checkMatchers(List<Expr.Matcher> matchers) {
        for (Expr.Matcher m : matchers) {
            if (m.op() == LabelMatcher.Op.RE || m.op() == LabelMatcher.Op.NRE) checkRegex(m.value());
        }
    }

    private void checkRegex(StringLit regex) {
        try {
            Pattern.compile(regex.value());
        } catch (PatternSyntaxException ex) {
            int index = ex.getIndex() < 0 ? 0 : regex.codePointIndex(ex.getIndex());
            out.add(Diagnostic.error(regex.spanAt(index), Messages.badRegex(ex.getDescription())));
        } catch (StackOverflowError ex) {
            // java.util.regex compiles recursively; thousands of nested groups exhaust the stack.
            out.add(Diagnostic.error(regex.span(), Messages.badRegex("nested too deeply")));
        }
    }

    private Type call(Expr.Call c) {
        String fn = c.function().text();
        Functions.Function f = Functions.lookup(fn);
        if (f == null) {
            error(c.function(), Messages.unknownFunction(fn, Functions.names()));
            c.args().forEach(a -> check(a.value()));
            return Type.SERIES;
        }
        boolean groupable = f.kind() == FunctionKind.AGGREGATION || f.statistic() != null && f.statistic().grouped();
        if (c.by() != null && !groupable) {
            out.add(Diagnostic.error(c.by().span(), Messages.GROUPING_ONLY_AGGREGATION));
        }
        if (c.by() != null && f.statistic() != null && f.statistic().family() == StatisticFamily.FEATURE_DISTRIBUTION) {
            for (io.vigil.ast.Name l : c.by().labels()) {
                if (l.text().equals("feature")) out.add(Diagnostic.error(l.span(), Messages.FEATURE_IN_BY));
            }
        }
        switch (f.kind()) {
            case WINDOW, AGGREGATION -> positional(c, f);
            case ELEMENTWISE -> {
                return elementwise(c, f);
            }
            case STATISTIC -> statistic(c, f.statistic());
            case BASELINE_WINDOW -> {
                error(c, Messages.PRIOR_ONLY_BASELINE);
                return Type.SERIES;
            }
        }
        return Type.SERIES;
    }

    private void positional(Expr.Call c, Functions.Function f) {
        String fn = f.name();
        boolean ok = true;
        for (Expr.Arg a : c.args()) {
            if (a.name() != null) {
                error(a.name(), Messages.noNamedArgs(fn));
                ok = false;
            }
        }
        if (!ok) return;
        if (c.args().size() != f.params().size()) {
            error(c, Messages.arity(fn, f.params().size(), c.args().size(), Messages.signature(fn)));
            c.args().forEach(a -> check(a.value()));
            return;
        }
        for (int i = 0; i < f.params().size(); i++) {
            Expr arg = c.args().get(i).value();
            Type want = f.params().get(i);
            if (f.kind() == FunctionKind.WINDOW && want == Type.SERIES) {
                if (arg instanceof Expr.Selector s) checkMatchers(s.matchers());
                else {
                    check(arg);
                    error(arg, Messages.needsSelector(fn));
                }
                continue;
            }
            Type got = check(arg);
            if (arg instanceof Expr.StringList || arg instanceof Expr.Regex) continue; // reported by check(arg)
            if (got != want) {
                error(arg, Messages.expected(want.describe(), fn, got));
            } else if (fn.equals("quantile") && arg instanceof Expr.Number n && (n.value() < 0 || n.value() > 1)) {
                error(arg, Messages.quantileRange(n.value()));
            }
        }
    }

    /** {@code abs(e)}, {@code clamp_min(e, x)}: the result has the type of {@code e}, a number or a series set. */
    private Type elementwise(Expr.Call c, Functions.Function f) {
        String fn = f.name();
        boolean named = false;
        for (Expr.Arg a : c.args()) {
            if (a.name() != null) {
                error(a.name(), Messages.noNamedArgs(fn));
                named = true;
            }
        }
        if (named) return Type.SERIES;
        if (c.args().size() != f.params().size()) {
            error(c, Messages.arity(fn, f.params().size(), c.args().size(), Messages.signature(fn)));
            c.args().forEach(a -> check(a.value()));
            return Type.SERIES;
        }
        Expr subject = c.args().get(0).value();
        Type t = check(subject);
        if (!numeric(t)) {
            if (!(subject instanceof Expr.StringList || subject instanceof Expr.Regex)) {
                error(subject, Messages.expected("a number or a series set", fn, t));
            }
            t = Type.SERIES;
        }
        if (c.args().size() > 1) {
            Expr bound = c.args().get(1).value();
            Type b = check(bound);
            if (b != Type.SCALAR && !(bound instanceof Expr.StringList || bound instanceof Expr.Regex)) {
                error(bound, Messages.expected(Type.SCALAR.describe(), fn, b));
            }
        }
        return t;
    }

    private void statistic(Expr.Call c, StatisticFunction stat) {
        String fn = stat.name();
        Set<NamedArg> seen = EnumSet.noneOf(NamedArg.class);
        for (Expr.Arg a : c.args()) {
            if (a.name() == null) {
                error(a.value(), Messages.onlyNamedArgs(stat));
                // The positional value was probably meant as one of the named ones; don't also call it missing.
                return;
            }
            NamedArg arg = NamedArg.byText(a.name().text());
            if (arg == NamedArg.BOUND && !stat.accepts(arg) && stat.family() == StatisticFamily.MODEL_QUALITY) {
                error(a.name(), Messages.boundRefused(fn, StatisticRegistry.all().stream()
                        .filter(x -> x.accepts(NamedArg.BOUND)).map(StatisticFunction::name).toList()));
                continue;
            }
            if (arg == null || !stat.accepts(arg)) {
                error(a.name(), Messages.unknownArg(stat, a.name().text()));
                continue;
            }
            if (!seen.add(arg)) {
                error(a.name(), Messages.duplicateArg(arg.text()));
                continue;
            }
            Expr v = a.value();
            switch (arg) {
                case FEATURE -> feature(fn, v);
                case BASELINE -> {
                    if (v instanceof Expr.Call p && p.function().text().equals("prior")) {
                        if (p.args().size() != 1 || p.args().get(0).name() != null
                                || !(p.args().get(0).value() instanceof Expr.DurationExpr)) {
                            error(p, "prior takes one duration: prior(7d)");
                        }
                    } else if (!(v instanceof Expr.Str)) {
                        error(v, fn + "'s baseline must be a string such as \"training\" or prior(<duration>)");
                    }
                }
                case WINDOW -> {
                    if (!(v instanceof Expr.DurationExpr)) error(v, fn + "'s window must be a duration such as 1d");
                }
                default -> qualityArg(stat, arg, v);
            }
        }
        if (stat.family() == StatisticFamily.MODEL_QUALITY) qualityCall(c, stat, seen);
        for (NamedArg r : NamedArg.values()) {
            if (stat.required().contains(r) && !seen.contains(r)) error(c, Messages.missingArg(fn, r));
        }
        if (stat.accepts(NamedArg.WINDOW) && !seen.contains(NamedArg.WINDOW) && context.cronSchedule()) {
            error(c, Messages.missingWindow(fn));
        }
        if (!seen.contains(NamedArg.BASELINE) && stat.needsBaseline() && !context.baselineKnown()
                && context.configKnown()) {
            error(c, Messages.missingBaseline(fn, context.model()));
        }
    }

    private void feature(String fn, Expr v) {
        if (v instanceof Expr.Regex r) {
            checkRegex(r.pattern());
        } else if (v instanceof Expr.StringList list) {
            if (list.items().isEmpty()) error(list, Messages.emptyFeatureList(fn));
            Set<String> names = new HashSet<>();
            for (StringLit item : list.items()) {
                if (!names.add(item.value())) out.add(Diagnostic.error(item.span(), Messages.featureListedTwice(item.value())));
            }
        } else if (!(v instanceof Expr.Str || v instanceof Expr.Wildcard)) {
            error(v, Messages.featureValue(fn));
        }
    }

    /** The value of one of the model-quality functions' own arguments (predictions.md §3). */
    private void qualityArg(StatisticFunction stat, NamedArg arg, Expr v) {
        String fn = stat.name();
        switch (arg) {
            case DELAY -> {
                if (!(v instanceof Expr.DurationExpr)) error(v, Messages.argValue(fn, arg, "a duration"));
            }
            case LABELS -> {
                if (v instanceof Expr.LabelSet l) checkMatchers(l.matchers());
                else error(v, Messages.argValue(fn, arg, "label matchers in braces"));
            }
            case CLASS -> {
                if (!(v instanceof Expr.Str)) error(v, Messages.argValue(fn, arg, "a string"));
            }
            case THRESHOLD, CONFIDENCE, Q -> {
                boolean open = arg == NamedArg.CONFIDENCE;
                if (!(v instanceof Expr.Number n)) error(v, Messages.argValue(fn, arg, "a number"));
                else if (open ? !(n.value() > 0 && n.value() < 1) : !(n.value() >= 0 && n.value() <= 1)) {
                    error(v, Messages.argRange(fn, arg, open ? "between 0 and 1 (exclusive)" : "between 0 and 1", n.value()));
                }
            }
            case BOUND -> {
                if (!(word(v, "lower") || word(v, "upper"))) error(v, Messages.argValue(fn, arg, "lower or upper"));
            }
            case CALIBRATE -> {
                if (!(word(v, "true") || word(v, "false"))) error(v, Messages.argValue(fn, arg, "true or false"));
            }
            case REFERENCE -> {
                if (!(v instanceof Expr.Call p && p.function().text().equals("prior") && p.args().size() == 1
                        && p.args().get(0).name() == null && p.args().get(0).value() instanceof Expr.DurationExpr d
                        && !d.duration().value().isZero())) {
                    error(v, Messages.argValue(fn, arg, "prior(<duration>) such as prior(28d)"));
                }
            }
            default -> throw new IllegalStateException(arg + " has no check");
        }
    }

    /**
     * What a model-quality call needs from the model (the function applies to its kind, class= for multiclass),
     * and a confidence= that would change nothing without bound=.
     */
    private void qualityCall(Expr.Call c, StatisticFunction stat, Set<NamedArg> seen) {
        if (seen.contains(NamedArg.CONFIDENCE) && !seen.contains(NamedArg.BOUND)) {
            out.add(Diagnostic.warning(c.named("confidence").span(), Messages.confidenceWithoutBound(stat.name())));
        }
        if (context.modelKind() == null) return;
        QualityFunction f = QualityFunction.byLanguageName(stat.name());
        if (!f.kinds().contains(context.modelKind())) {
            error(c.function(), Messages.wrongModelKind(stat.name(), context.model(), context.modelKind(), f.kinds()));
        } else if (f.perClass() && context.modelKind() == ModelKind.MULTICLASS && !seen.contains(NamedArg.CLASS)) {
            error(c, Messages.classRequired(stat.name(), context.model()));
        }
    }

    /** A bare word such as {@code lower}, which the grammar reads as a selector without matchers. */
    private static boolean word(Expr v, String w) {
        return v instanceof Expr.Selector s && s.matchers().isEmpty() && s.metric().text().equals(w);
    }

    private Type unary(Expr.Unary u) {
        Type t = check(u.operand());
        if (u.op() == Expr.UnaryOp.NOT) {
            if (t != Type.BOOL) error(u, Messages.notNeedsBool(t));
            return Type.BOOL;
        }
        if (t != Type.SCALAR && t != Type.SERIES) {
            error(u, Messages.negate(t));
            return Type.SCALAR;
        }
        return t;
    }

    private Type binary(Expr.Binary b) {
        Type l = check(b.left());
        Type r = check(b.right());
        String op = b.op().symbol;
        if (b.op().isSet()) {
            if (l == Type.BOOL && r == Type.BOOL && b.matching() == null) return Type.BOOL;
            if (l != Type.SERIES || r != Type.SERIES) {
                out.add(Diagnostic.error(b.opSpan(), Messages.setOperands(op, l, r)));
            }
            return Type.SERIES;
        }
        boolean bad = false;
        if (!numeric(l)) {
            error(b.left(), Messages.operandType(op, l));
            bad = true;
        }
        if (!numeric(r)) {
            error(b.right(), Messages.operandType(op, r));
            bad = true;
        }
        if (b.matching() != null && !bad && (l != Type.SERIES || r != Type.SERIES)) {
            out.add(Diagnostic.error(b.matching().span(), Messages.matchingNeedsSeries(op)));
        }
        boolean series = l == Type.SERIES || r == Type.SERIES;
        if (b.op().isComparison()) return series ? Type.SERIES : Type.BOOL;
        return series ? Type.SERIES : Type.SCALAR;
    }

    private Type between(Expr.Between b) {
        Type s = check(b.subject());
        Type lo = check(b.low());
        Type hi = check(b.high());
        if (!numeric(s)) error(b.subject(), Messages.operandType("between", s));
        if (lo != Type.SCALAR) error(b.low(), Messages.betweenBound(lo));
        if (hi != Type.SCALAR) error(b.high(), Messages.betweenBound(hi));
        return s == Type.SERIES ? Type.SERIES : Type.BOOL;
    }

    private static boolean numeric(Type t) {
        return t == Type.SCALAR || t == Type.SERIES;
    }

    private void error(Expr e, String message) {
        out.add(Diagnostic.error(e.span(), message));
    }

    private void error(io.vigil.ast.Name n, String message) {
        out.add(Diagnostic.error(n.span(), message));
    }
}
