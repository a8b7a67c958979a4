package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil compile}: print or write the evaluation steps planned for each model. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Check rule files and print what the engine evaluates: per model, the steps each rule's "
                + "condition becomes (filters, joins, set operations, aggregations), in the order they run. "
                + "Drools evaluates the steps with one fixed set of rules; --drl prints those.",
                "Exit 0 on success, 1 when the rules have errors (printed as by 'vigil check'), 2 on a missing file, "
                        + "bad flag or unwritable --out."})
public final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Rule files or directories (every .vigil below).")
    List<Path> paths = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Write <model>.steps files into DIR instead of printing.")
    Path out;

    @Option(names = "--verify", description = "Also build the Drools rules and plan every group, as the engine would.")
    boolean verify;

    @Option(names = "--drl", description = "Print the fixed Drools rules (DRL) that evaluate every rule set, then exit.")
    boolean drlOnly;

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var stdout = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (drlOnly) {
            stdout.print(FixedRules.drl());
            stdout.flush();
            return ExitCodes.OK;
        }
        if (paths.isEmpty()) {
            err.println("vigil compile: give at least one rule file or directory (or --drl)");
            return ExitCodes.USAGE;
        }
        RuleSetLoad load = RuleSetLoad.of(paths, config, err);
        if (load == null) return ExitCodes.USAGE;
        CheckResult result = load.result();
        if (result.hasErrors()) {
            err.print(DiagnosticPrinter.render(io.vigil.check.WarningSummary.of(result.diagnostics())));
            err.printf("%d error(s): nothing compiled%n", result.errorCount());
            return ExitCodes.FAILED;
        }
        SortedMap<String, String> listings = RuleCompiler.listingByModel(result.rules());
        if (verify) {
            var compiled = new RuleCompiler(CompileOptions.defaults()).compile(result.rules());
            err.printf("built the rules and planned %d group(s)%n", compiled.groups().size());
            err.flush();
        }
        if (out == null) {
            boolean first = true;
            for (Map.Entry<String, String> e : listings.entrySet()) {
                stdout.print((first ? "" : "\n") + "# model " + e.getKey() + "\n" + e.getValue());
                first = false;
            }
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> e : listings.entrySet()) {
                // model names are identifiers, so they are safe file names
                Path target = out.resolve(e.getKey() + ".steps");
                Path tmp = Files.createTempFile(out, e.getKey(), ".tmp");
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            err.println("vigil: cannot write to " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        stdout.printf("wrote %d file%s to %s%n", listings.size(), listings.size() == 1 ? "" : "s", out);
        stdout.flush();
        return ExitCodes.OK;
    }
}
