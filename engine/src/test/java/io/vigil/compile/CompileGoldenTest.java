package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.golden.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The steps planned for each {@code golden/compile/*.vigil} are exactly its {@code .steps} file. */
class CompileGoldenTest {

    @TestFactory
    Stream<DynamicTest> steps() {
        return GoldenFiles.cases("compile", ".vigil", ".steps", CompileGoldenTest::render);
    }

    /** Checks a rule file (it must be clean) and returns the step listing of each model, models separated by a blank line. */
    static String render(Path file) {
        CheckResult checked = check(file);
        return String.join("\n", RuleCompiler.listingByModel(checked.rules()).values());
    }

    static CheckResult check(Path file) {
        String path = "golden/compile/" + file.getFileName();
        CheckResult checked = Checker.check(List.of(new Source(path, GoldenFiles.read(file))), null);
        assertThat(checked.hasErrors()).as(() -> checked.diagnostics().stream().map(Object::toString)
                .collect(Collectors.joining("\n"))).isFalse();
        return checked;
    }
}
