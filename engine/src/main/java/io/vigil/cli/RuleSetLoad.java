package io.vigil.cli;

import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.References;
import io.vigil.check.RuleSources;
import io.vigil.ast.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads and checks the rule files a command names, with references from the config when there is one. */
record RuleSetLoad(List<Source> sources, CheckResult result) {

    int files() { return sources.size(); }

    /** Loads, or prints why it cannot and returns null (the caller exits 2). */
    static RuleSetLoad of(List<Path> paths, ConfigOption config, PrintWriter err) {
        References refs = null;
        Path configPath = config == null ? null : config.resolve();
        if (configPath == null) {
            err.println("warning: no config (--config or ./vigil.yaml): channel and action names are not checked");
        } else {
            try {
                refs = ConfigReferences.read(configPath);
            } catch (ConfigReferences.ConfigException e) {
                err.println("vigil: " + e.getMessage());
                return null;
            }
        }
        try {
            List<Source> sources = RuleSources.load(paths);
            return new RuleSetLoad(sources, Checker.check(sources, refs));
        } catch (RuleSources.LoadException e) {
            err.println("vigil: " + e.getMessage());
            return null;
        }
    }
}
