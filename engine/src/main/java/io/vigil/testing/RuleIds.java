package io.vigil.testing;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Suggestions;
import io.vigil.check.ResolvedRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The loaded rules as a test file names them: {@code model/rule}, or the bare rule name when one model
 * is loaded. Reports expectations that name an unknown rule, or a channel or action the rule never uses.
 */
final class RuleIds {
    private final Map<String, ResolvedRule> byId = new TreeMap<>();
    private final Set<String> models = new TreeSet<>();

    RuleIds(List<ResolvedRule> rules) {
        for (ResolvedRule r : rules) {
            byId.put(r.id(), r);
            models.add(r.model());
        }
    }

    Set<String> models() { return models; }

    Collection<ResolvedRule> rules() { return byId.values(); }

    /** The rule a test names, or null. */
    ResolvedRule resolve(String written) {
        if (written.contains("/") || models.size() != 1) return byId.get(written);
        return byId.get(models.iterator().next() + "/" + written);
    }

    List<Diagnostic> problems(List<TestFile.TestCase> tests) {
        List<Diagnostic> out = new ArrayList<>();
        for (TestFile.TestCase t : tests) {
            for (TestFile.ExpectedAlert a : t.alerts()) known(a.rule(), a.span(), out);
            if (t.pending() != null) for (TestFile.ExpectedAlert a : t.pending()) known(a.rule(), a.span(), out);
            if (t.notifications() != null) {
                for (TestFile.ExpectedDelivery d : t.notifications()) {
                    ResolvedRule r = known(d.rule(), d.span(), out);
                    if (r == null) continue;
                    List<String> channels = r.notifications().stream().map(ResolvedRule.NotifySpec::channel).toList();
                    if (!channels.contains(d.target())) {
                        out.add(Diagnostic.error(d.span(), "rule " + r.id() + " does not notify '" + d.target() + "'"
                                + (channels.isEmpty() ? " (it notifies no channel)" : " (it notifies " + String.join(", ", channels) + ")")));
                    }
                }
            }
            if (t.actions() != null) {
                for (TestFile.ExpectedDelivery d : t.actions()) {
                    ResolvedRule r = known(d.rule(), d.span(), out);
                    if (r == null) continue;
                    List<String> actions = r.triggers().stream().map(ResolvedRule.TriggerSpec::action).toList();
                    if (!actions.contains(d.target())) {
                        out.add(Diagnostic.error(d.span(), "rule " + r.id() + " does not trigger '" + d.target() + "'"
                                + (actions.isEmpty() ? " (it triggers no action)" : " (it triggers " + String.join(", ", actions) + ")")));
                    }
                }
            }
        }
        return out;
    }

    private ResolvedRule known(String written, io.vigil.ast.Span span, List<Diagnostic> out) {
        ResolvedRule r = resolve(written);
        if (r == null) {
            String hint = Suggestions.hint(written, byId.keySet());
            out.add(Diagnostic.error(span, "no rule '" + written + "' in the loaded rules"
                    + (hint.isEmpty() ? " (loaded: " + String.join(", ", byId.keySet()) + ")" : hint)
                    + (written.contains("/") || models.size() == 1 ? "" : "; write model/rule")));
        }
        return r;
    }
}
