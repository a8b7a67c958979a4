package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.References;
import io.vigil.check.RuleSources;
import io.vigil.config.Config;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads and checks the rule files a command names, with references from the config when there is one. */
record RuleSetLoad(List<Source> sources, CheckResult result, Config config) {

    int files() { return sources.size(); }

    /**
     * Loads the config (if any) and the rules. Rule paths on the command line replace the config's
     * {@code rules:}; with none given, the config's are used. Prints why it cannot and returns null (exit 2),
     * or a result whose config errors make {@link #hasErrors()} true.
     */
    static RuleSetLoad of(List<Path> paths, ConfigOption option, PrintWriter err) {
        Path configPath = option == null ? null : option.resolve();
        Config config = null;
        References refs = null;
        if (configPath == null) {
            err.println("warning: no config (--config or ./vigil.yaml): channel and action names are not checked");
        } else {
            ConfigResult loaded;
            try {
                loaded = ConfigLoader.fromProcessEnvironment().load(configPath);
            } catch (IOException e) {
                err.println("vigil: " + configPath + ": cannot read: " + e.getMessage());
                return null;
            }
            if (!loaded.ok()) {
                // The caller prints these like rule diagnostics; no rule is checked against a broken config.
                return new RuleSetLoad(List.of(), new CheckResult(List.of(), loaded.diagnostics()), null);
            }
            if (!loaded.diagnostics().isEmpty()) err.print(DiagnosticPrinter.render(loaded.diagnostics()));
            config = loaded.config();
            refs = config.references();
        }
        List<Path> rulePaths = paths == null || paths.isEmpty() ? (config == null ? List.of() : config.rules()) : paths;
        if (rulePaths.isEmpty()) {
            err.println("vigil: no rule files: name them on the command line or in the config's rules:");
            return null;
        }
        try {
            List<Source> sources = RuleSources.load(rulePaths);
            return new RuleSetLoad(sources, Checker.check(sources, refs), config);
        } catch (RuleSources.LoadException e) {
            // A file that is not UTF-8 or too large is reported like a rule error, at its place.
            if (e.diagnostic() != null) {
                return new RuleSetLoad(List.of(), new CheckResult(List.of(), List.of(e.diagnostic())), config);
            }
            err.println("vigil: " + e.getMessage());
            return null;
        }
    }
}
