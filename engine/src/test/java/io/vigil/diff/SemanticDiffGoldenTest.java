package io.vigil.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.golden.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The semantic diff, one case per rule edit: {@code <case>.before.vigil} and {@code <case>.after.vigil}
 * are checked like any rule files and compared; {@code <case>.txt} is the report, written by hand from
 * what each edit means (a rename, a pure reformat, a threshold inside {@code and}, a changed {@code by},
 * every other field, added and removed rules, a model-block default).
 */
class SemanticDiffGoldenTest {

    @TestFactory
    Stream<DynamicTest> ruleEdits() {
        return GoldenFiles.cases("diff", ".before.vigil", ".txt", before -> {
            String name = before.getFileName().toString().replace(".before.vigil", "");
            Path after = before.resolveSibling(name + ".after.vigil");
            var diff = SemanticDiff.compare(check(before).rules(), check(after).rules());
            return DiffText.render(new DiffReport("before", "after", diff, null));
        });
    }

    private static CheckResult check(Path file) {
        try {
            CheckResult r = Checker.check(List.of(new Source(file.toString(), Files.readString(file))), null);
            assertThat(r.hasErrors()).as(file + ": " + r.diagnostics()).isFalse();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
