package io.vigil.check;

import io.vigil.ast.Diagnostic;
import java.util.List;

/** The checked rules of a rule set (empty when there are errors) and every diagnostic, sorted. */
public record CheckResult(List<ResolvedRule> rules, List<Diagnostic> diagnostics) {
    public CheckResult {
        rules = List.copyOf(rules);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() { return diagnostics.stream().anyMatch(Diagnostic::isError); }

    public long errorCount() { return diagnostics.stream().filter(Diagnostic::isError).count(); }

    public long warningCount() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count();
    }
}
