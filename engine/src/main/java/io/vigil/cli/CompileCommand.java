package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.compile.CompileOptions;
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

/** {@code vigil compile}: print or write the Drools rules generated for each model. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Check rule files and print the generated Drools rules (DRL), one package per model.",
                "Exit 0 on success, 1 when the rules have errors (printed as by 'vigil check'), 2 on a missing file, "
                        + "bad flag or unwritable --out."})
public final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories (every .vigil below).")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR", description = "Write <model>.drl files into DIR instead of printing.")
    Path out;

    @Option(names = "--verify", description = "Also build every KieBase with Drools, as the engine would.")
    boolean verify;

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var stdout = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RuleSetLoad load = RuleSetLoad.of(paths, config, err);
        if (load == null) return ExitCodes.USAGE;
        CheckResult result = load.result();
        if (result.hasErrors()) {
            err.print(DiagnosticPrinter.render(result.diagnostics()));
            err.printf("%d error(s): nothing compiled%n", result.errorCount());
            return ExitCodes.FAILED;
        }
        SortedMap<String, String> drl = RuleCompiler.drlByModel(result.rules());
        if (verify) {
            var compiled = new RuleCompiler(CompileOptions.defaults()).compile(result.rules());
            err.printf("built %d KieBase(s) for %d group(s)%n",
                    compiled.groups().stream().mapToInt(g -> g.kieBases().size()).sum(), compiled.groups().size());
            err.flush();
        }
        if (out == null) {
            drl.values().forEach(stdout::print);
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> e : drl.entrySet()) {
                // model names are identifiers, so they are safe file names
                Path target = out.resolve(e.getKey() + ".drl");
                Path tmp = Files.createTempFile(out, e.getKey(), ".tmp");
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            err.println("vigil: cannot write to " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        stdout.printf("wrote %d file%s to %s%n", drl.size(), drl.size() == 1 ? "" : "s", out);
        stdout.flush();
        return ExitCodes.OK;
    }
}
