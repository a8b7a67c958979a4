package io.vigil.config;

import io.vigil.ast.Diagnostic;
import java.util.List;

/**
 * The outcome of loading vigil.yaml: the config when there are no errors (warnings allowed), and every
 * problem found, sorted by position, rendered with {@code DiagnosticPrinter} (secrets masked).
 */
public record ConfigResult(Config config, List<Diagnostic> diagnostics) {
    public ConfigResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() { return config != null; }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
