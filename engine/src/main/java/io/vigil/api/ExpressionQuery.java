package io.vigil.api;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Source;
import io.vigil.ast.Span;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.References;
import io.vigil.check.ResolvedRule;
import io.vigil.compile.CompileException;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.RuleCompiler;
import io.vigil.runtime.Evaluator;
import io.vigil.runtime.Explanation;
import io.vigil.runtime.OperandSource;
import io.vigil.testing.ChartProbes;
import io.vigil.testing.ReusedOperands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * One rule expression evaluated the way a rule is: the text is checked as the condition of a rule of
 * its own in the given model, planned, compiled and evaluated by the production {@link Evaluator}.
 * What is returned is every element of the side that is compared (as {@link ChartProbes} picks it for
 * a report chart), each marked with whether the whole condition holds for it, so a user tuning a
 * threshold sees the values that do not breach as well.
 */
public final class ExpressionQuery {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The expression starts on its own line so a diagnostic's line maps back by subtracting one. */
    private static final String RULE_NAME = "query";

    /** A compiled query: the whole condition and the probes of its compared side(s). */
    public record Compiled(String expression, ResolvedRule rule, CompiledGroup whole, List<ChartProbes.Probe> probes,
                           CompiledGroup probeGroup, Double threshold, String compared) {}

    /** Diagnostics of the expression, located in the expression's own text (line 1 is its first line). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Diagnostic> diagnostics;

        Invalid(List<Diagnostic> diagnostics) {
            super(diagnostics.isEmpty() ? "invalid expression" : diagnostics.get(0).message(), null, false, false);
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<Diagnostic> diagnostics() { return diagnostics; }
    }

    /** One element at one time: its labels, the compared value, and whether the condition holds for it. */
    public record Element(String side, SortedMap<String, String> labels, double value, boolean holds,
                          Explanation explanation) {}

    private final RuleCompiler compiler;
    private final References references;

    /** @param references the config's channels, actions and model baselines, or null without a config */
    public ExpressionQuery(RuleCompiler compiler, References references) {
        this.compiler = compiler;
        this.references = references;
    }

    /** Checks, plans and compiles {@code expression} as a condition in {@code model}. */
    public Compiled compile(String expression, String model) throws Invalid {
        Source exprSource = new Source("expr", expression);
        if (expression.isBlank()) {
            throw new Invalid(List.of(Diagnostic.error(Span.at(exprSource, 0), "the expression is empty")));
        }
        if (!IDENTIFIER.matcher(model).matches()) {
            throw new Invalid(List.of(Diagnostic.error(Span.at(exprSource, 0),
                    "model must be an identifier ([A-Za-z_][A-Za-z0-9_]*)")));
        }
        String prefix = "model " + model + " { every 1m rule " + RULE_NAME + " { when\n";
        Source wrapped = new Source("expr", prefix + expression + "\n}\n}\n");
        int start = prefix.codePointCount(0, prefix.length());
        int end = start + exprSource.length();
        CheckResult check = Checker.check(List.of(wrapped), references);
        List<Diagnostic> errors = new ArrayList<>();
        for (Diagnostic d : check.diagnostics()) {
            if (d.isError()) errors.add(relocate(d, exprSource, start));
        }
        if (!errors.isEmpty()) throw new Invalid(errors);
        // Text that closes the wrapper and opens rules of its own (an injection) checks clean but is not one condition.
        if (check.rules().size() != 1 || check.rules().get(0).when().span().start() != start
                || check.rules().get(0).when().span().end() != end) {
            throw new Invalid(List.of(Diagnostic.error(Span.at(exprSource, 0),
                    "the text is not one expression (it ends before its last character)")));
        }
        return compile(check.rules().get(0));
    }

    /** A checked rule (a loaded one, with its own baseline and defaults) compiled as a query of its condition. */
    public Compiled compile(ResolvedRule rule) throws Invalid {
        ChartProbes.Plan plan = ChartProbes.plan(rule);
        List<ResolvedRule> all = new ArrayList<>();
        for (ChartProbes.Probe p : plan.probes()) all.add(p.rule());
        try {
            CompiledGroup whole = single(compiler.compile(List.of(rule)));
            CompiledGroup probes = all.isEmpty() ? null : single(compiler.compile(all));
            // an `or` has a threshold per side; the query answers with one only when the expression has one
            Double threshold = plan.thresholds().size() == 1 ? plan.thresholds().get(0) : null;
            return new Compiled(rule.when().span().text(), rule, whole, plan.probes(), probes, threshold,
                    plan.expression());
        } catch (CompileException e) {
            Source text = new Source("expr", rule.when().span().text());
            throw new Invalid(List.of(Diagnostic.error(Span.at(text, 0), e.getMessage())));
        }
    }

    private static CompiledGroup single(CompiledRuleSet set) {
        return set.groups().get(0);
    }

    /** The diagnostic moved from the wrapper's text into the expression's, clamped to it. */
    private static Diagnostic relocate(Diagnostic d, Source expr, int offset) {
        Span s = d.span();
        int from = Math.max(0, Math.min(expr.length(), s.start() - offset));
        int to = Math.max(from, Math.min(expr.length(), s.end() - offset));
        return Diagnostic.error(new Span(expr, from, to), d.message());
    }

    /** The query's elements at {@code t}; errors of the evaluation (a missing baseline, ...) come back as messages. */
    public Result evaluate(Compiled q, OperandSource source, Instant t) {
        Evaluator evaluator = new Evaluator(new ReusedOperands(source));
        return evaluate(q, evaluator, t);
    }

    /** Elements or errors of one evaluation. */
    public record Result(Instant t, List<Element> elements, List<String> errors) {}

    private static Result evaluate(Compiled q, Evaluator evaluator, Instant t) {
        Evaluator.RuleResult whole = evaluator.evaluate(q.whole(), t).rules().get(0);
        if (whole.failed()) return new Result(t, List.of(), whole.errors());
        Map<SortedMap<String, String>, Evaluator.Instance> holding = new LinkedHashMap<>();
        for (Evaluator.Instance i : whole.instances()) holding.put(i.labels(), i);
        List<Element> out = new ArrayList<>();
        if (q.probeGroup() != null) {
            List<Evaluator.RuleResult> probes = evaluator.evaluate(q.probeGroup(), t).rules();
            for (Evaluator.RuleResult r : probes) {
                if (r.failed()) return new Result(t, List.of(), r.errors());
                String side = q.probes().stream().filter(p -> p.rule().id().equals(r.plan().id())).findFirst()
                        .map(p -> p.prefix().strip()).orElse("");
                for (Evaluator.Instance i : r.instances()) {
                    Evaluator.Instance h = holding.remove(i.labels());
                    out.add(new Element(side, i.labels(), i.value(), h != null,
                            h != null ? h.explanation() : i.explanation()));
                }
            }
        }
        // Elements of the condition that no probe has (the condition was probed whole, or 'and' changed labels).
        for (Evaluator.Instance h : holding.values()) out.add(new Element("", h.labels(), h.value(), true, h.explanation()));
        return new Result(t, out, List.of());
    }

    /**
     * One evaluation per step from {@code from} to {@code to} inclusive, sharing operand values within
     * each step; a store's window operands are read once for the whole range ({@link OperandSource#forRange}).
     */
    public List<Result> range(Compiled q, OperandSource source, Instant from, Instant to, Duration step) {
        Evaluator evaluator = new Evaluator(new ReusedOperands(source.forRange(from, to)));
        List<Result> out = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) out.add(evaluate(q, evaluator, t));
        return out;
    }
}
