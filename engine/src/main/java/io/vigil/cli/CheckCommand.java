package io.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.ast.Diagnostic;
import io.vigil.ast.DiagnosticJson;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.check.WarningSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil check}: parse and check rule files, print every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and check rule files; print every problem as path:line:col with the source line "
                + "and a caret, as JSON for editors (--format json), or as GitHub Actions annotations (--format github).",
                "Exit 0 when clean (warnings allowed), 1 on errors, 2 on a missing file, no rules to check or a bad flag."})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Rule files or directories (every .vigil below); default: the config's rules.")
    List<Path> paths;

    @Mixin ConfigOption config;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|github",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); github prints GitHub "
                    + "Actions workflow commands, which annotate the problems on the pull request's lines.")
    CheckFormat format;

    @Option(names = "--verbose",
            description = "Print every warning; by default one rule set-wide warning stands for many rules.")
    boolean verbose;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RuleSetLoad load = RuleSetLoad.of(paths, config, err);
        if (load == null) return ExitCodes.USAGE;
        CheckResult result = load.result();
        if (format == CheckFormat.json) {
            out.println(json(load.files(), result));
        } else if (format == CheckFormat.github) {
            for (Diagnostic d : result.diagnostics()) out.println(WorkflowCommands.of(d));
            out.printf("%d file%s: %d error%s, %d warning%s%n", load.files(), s(load.files()),
                    result.errorCount(), s(result.errorCount()), result.warningCount(), s(result.warningCount()));
        } else {
            out.print(DiagnosticPrinter.render(verbose ? result.diagnostics() : WarningSummary.of(result.diagnostics())));
            out.printf("%d file%s: %d error%s, %d warning%s%n", load.files(), s(load.files()),
                    result.errorCount(), s(result.errorCount()), result.warningCount(), s(result.warningCount()));
        }
        out.flush();
        return result.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * {"files", "errors", "warnings", "diagnostics": [{path, line, column, end_line, end_column, severity,
     * message, note?}]}; lines and columns count from 1 and the end is exclusive, as in editors' ranges.
     */
    private static String json(long files, CheckResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", files);
        doc.put("errors", result.errorCount());
        doc.put("warnings", result.warningCount());
        doc.put("diagnostics", result.diagnostics().stream().map(DiagnosticJson::of).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s(long n) { return n == 1 ? "" : "s"; }
}
