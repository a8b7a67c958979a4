package io.vigil.check;

import io.vigil.ast.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostics as people read them: the "can never notify or trigger" warning, which a large rule set
 * without notify clauses repeats once per rule, becomes one warning at the first such rule naming the
 * others (up to {@value #NAMED}) or counting them. Every other diagnostic is kept as it is.
 */
public final class WarningSummary {
    /** Past this many rules the summary counts them instead of naming them. */
    static final int NAMED = 5;

    private WarningSummary() {}

    public static List<Diagnostic> of(List<Diagnostic> diagnostics) {
        List<Diagnostic> repeated = diagnostics.stream().filter(d -> Messages.isCannotNotify(d.message())).toList();
        if (repeated.size() < 2) return diagnostics;
        List<String> rules = repeated.stream().map(d -> Messages.cannotNotifyRule(d.message())).toList();
        Diagnostic first = repeated.get(0);
        Diagnostic summary = Diagnostic.warning(first.span(), Messages.cannotNotify(rules, NAMED));
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d == first) out.add(summary);
            else if (!Messages.isCannotNotify(d.message())) out.add(d);
        }
        return out;
    }
}
