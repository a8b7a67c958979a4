package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code vigil compile}: print or write the generated Drools rules, one .drl per model. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Check rule files and print the Drools rules generated for them (one package per model),",
                "or write them as <model>.drl into --out. With --verify, also build the KieBases the engine would run."})
public final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories.")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR", description = "Write <model>.drl files here instead of printing.")
    Path out;

    @Option(names = "--verify", description = "Build every KieBase with Drools and report failures.")
    boolean verify;

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var stdout = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RuleSetLoad load = RuleSetLoad.of(paths, config, err);
        if (load == null) return ExitCodes.USAGE;
        if (!load.result().diagnostics().isEmpty()) err.print(DiagnosticPrinter.render(load.result().diagnostics()));
        if (load.result().hasErrors()) {
            err.flush();
            return ExitCodes.FAILED;
        }
        SortedMap<String, String> drl = RuleCompiler.drlByModel(load.result().rules());
        if (out != null) {
            Files.createDirectories(out);
            for (Map.Entry<String, String> e : drl.entrySet()) {
                Path f = out.resolve(e.getKey() + ".drl");
                Files.writeString(f, e.getValue());
                err.println("wrote " + f);
            }
        } else {
            for (Map.Entry<String, String> e : drl.entrySet()) stdout.print(e.getValue());
        }
        if (verify) {
            var compiled = new RuleCompiler(CompileOptions.defaults()).compile(load.result().rules());
            err.println("built " + compiled.groups().stream().mapToInt(g -> g.kieBases().size()).sum()
                    + " KieBase(s) for " + compiled.groups().size() + " group(s)");
        }
        stdout.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
