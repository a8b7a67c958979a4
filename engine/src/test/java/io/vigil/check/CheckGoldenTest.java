package io.vigil.check;

import io.vigil.ast.DiagnosticPrinter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each golden/check case produces exactly the diagnostics text in its expected file, as {@code vigil check} prints it. */
class CheckGoldenTest {

    static Stream<Path> cases() {
        return GoldenFiles.cases("check").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsExpectedDiagnostics(Path file) {
        CheckResult result = GoldenFiles.check(GoldenFiles.source(file));
        GoldenFiles.verify(file, DiagnosticPrinter.render(result.diagnostics()));
    }
}
