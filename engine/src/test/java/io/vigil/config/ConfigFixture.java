package io.vigil.config;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.DiagnosticPrinter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads config text as {@code vigil.yaml} in /etc/vigil and renders diagnostics as users see them. */
final class ConfigFixture {
    static final Path DIR = Path.of("/etc/vigil");

    private ConfigFixture() {}

    static ConfigResult load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).parse("vigil.yaml", yaml, DIR);
    }

    static ConfigResult load(String yaml) {
        return load(yaml, Map.of());
    }

    /** The first line of each diagnostic: {@code vigil.yaml:3:5: error: path: message}. */
    static List<String> lines(ConfigResult r) {
        return r.diagnostics().stream().map(d -> DiagnosticPrinter.render(d).lines().findFirst().orElseThrow()).toList();
    }

    /** Everything printed for the diagnostics: location lines, source lines and carets. */
    static String printed(ConfigResult r) {
        return DiagnosticPrinter.render(r.diagnostics());
    }

    static List<String> errorLines(ConfigResult r) {
        return r.diagnostics().stream().filter(Diagnostic::isError)
                .map(d -> DiagnosticPrinter.render(d).lines().findFirst().orElseThrow()).toList();
    }
}
