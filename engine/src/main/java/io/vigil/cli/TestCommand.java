package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.ConfigLoader;
import io.vigil.testing.RuleTestRunner;
import io.vigil.testing.TestFile;
import io.vigil.testing.TestFileReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil test}: rule unit tests (docs/rule-tests.md), in memory, like {@code promtool test rules}. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run rule unit tests: input series and feature data in a *.test.yaml file, the alerts "
                + "(and notifications and actions) expected at given times. Runs in memory; writes and sends nothing.",
                "Exit 0 when every test passes, 1 when a test fails or its rules have errors, 2 on a malformed test "
                        + "file, a missing file or a bad flag."})
public final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Test files, or directories (every *.test.yaml below, in sorted order).")
    List<Path> paths;

    @Mixin ConfigOption config;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|github",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); github adds GitHub "
                    + "Actions workflow commands that annotate each failing test on its line.")
    CheckFormat format;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        FixedRules.preload(); // both overlap the rest of start-up
        RuleTestRunner.warmUp();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = files(err);
        if (files == null) return ExitCodes.USAGE;
        Path fallbackConfig = config.resolve();
        RuleTestRunner runner = new RuleTestRunner(new RuleCompiler(CompileOptions.defaults()),
                ConfigLoader.fromProcessEnvironment());
        TestOutput output = new TestOutput(out, format);
        boolean malformed = false;
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("vigil test: " + f + ": cannot read: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            TestFileReader.Result read = TestFileReader.read(f, text);
            if (!read.ok()) {
                output.malformed(read.diagnostics());
                err.print(DiagnosticPrinter.render(read.diagnostics()));
                malformed = true;
                continue;
            }
            TestFile file = read.file();
            if (file.config() == null && fallbackConfig != null) file = withConfig(file, fallbackConfig);
            RuleTestRunner.FileResult result = runner.run(file);
            if (result.malformed()) {
                output.malformed(result.diagnostics());
                err.print(DiagnosticPrinter.render(result.diagnostics()));
                malformed = true;
                continue;
            }
            output.file(result);
        }
        output.finish();
        out.flush();
        err.flush();
        if (malformed) return ExitCodes.USAGE;
        return output.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static TestFile withConfig(TestFile f, Path config) {
        return new TestFile(f.path(), f.rules(), config.toAbsolutePath(), f.interval(), f.start(), f.series(),
                f.baselines(), f.distributions(), f.tests(), f.predictions(), f.outcomes(), f.recordFiles());
    }

    /** The test files named, directories expanded; null (after a message) when a path does not exist. */
    private List<Path> files(PrintWriter err) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("vigil test: " + p + ": no such file or directory");
                return null;
            }
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> f.getFileName().toString().endsWith(".test.yaml") && Files.isRegularFile(f))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                err.println("vigil test: " + p + ": cannot list: " + e.getMessage());
                return null;
            }
        }
        if (out.isEmpty()) err.println("vigil test: no *.test.yaml files in " + paths);
        return new ArrayList<>(out);
    }
}
