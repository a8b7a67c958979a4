package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.RuleSources;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil check}: parse and check rule files, print every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and check rule files; print every problem as path:line:col with the source line "
                + "and a caret.", "Exit 0 when clean (warnings allowed), 1 on errors, 2 on a missing file or bad flag."})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories (every .vigil below).")
    List<Path> paths;

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RuleSetLoad load = RuleSetLoad.of(paths, config, err);
        if (load == null) return ExitCodes.USAGE;
        CheckResult result = load.result();
        out.print(DiagnosticPrinter.render(result.diagnostics()));
        out.printf("%d file%s: %d error%s, %d warning%s%n", load.files(), s(load.files()),
                result.errorCount(), s(result.errorCount()), result.warningCount(), s(result.warningCount()));
        out.flush();
        return result.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static String s(long n) { return n == 1 ? "" : "s"; }
}
