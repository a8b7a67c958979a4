package io.vigil.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.GoldenFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each golden/parse case parses without diagnostics to exactly the AST in its expected file. */
class ParseGoldenTest {

    static Stream<Path> cases() {
        return GoldenFiles.cases("parse").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesToExpectedTree(Path file) {
        RuleParser.Result result = RuleParser.parse(GoldenFiles.source(file));
        assertThat(DiagnosticPrinter.render(result.diagnostics())).isEmpty();
        GoldenFiles.verify(file, AstPrinter.print(result.file()));
    }
}
