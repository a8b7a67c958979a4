package io.vigil.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invalid-input corpus: each file under {@code invalid/} (or each directory, for mistakes that span
 * files) shows one mistake and states in {@code # expect: line:col: severity: message} header lines exactly
 * what the checker must report; {@code # expect: clean} files must produce no diagnostic at all.
 */
class InvalidCorpusTest {
    private static final Path CORPUS = GoldenFiles.RESOURCES.resolve("invalid");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> entries = Files.list(CORPUS)) {
            return entries.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".vigil")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyWhatTheHeaderSays(Path testCase) {
        boolean multiFile = Files.isDirectory(testCase);
        List<Source> sources = new ArrayList<>();
        for (Path f : multiFile ? list(testCase) : List.of(testCase)) {
            sources.add(new Source(f.getFileName().toString(), GoldenFiles.read(f)));
        }
        List<String> expected = new ArrayList<>();
        References refs = null;
        for (Source s : sources) {
            s.text().lines().filter(l -> l.startsWith("# expect: ")).map(l -> l.substring("# expect: ".length()))
                    .filter(l -> !l.equals("clean")).forEach(expected::add);
            if (refs == null) refs = GoldenFiles.references(s.text());
        }
        assertThat(sources.stream().anyMatch(s -> s.text().contains("# expect: ")))
                .as("%s states its expectation in a '# expect:' header", testCase).isTrue();

        CheckResult result = Checker.check(sources, refs);

        List<String> actual = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            actual.add(located(d.span(), multiFile) + d.severity().label() + ": " + d.message());
            if (d.noteSpan() != null) actual.add(located(d.noteSpan(), multiFile) + "note: " + d.note());
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        boolean errors = expected.stream().anyMatch(e -> e.contains(": error: "));
        assertThat(result.rules().isEmpty()).as("no rules from a rule set with errors, all rules otherwise")
                .isEqualTo(errors);
    }

    private static String located(io.vigil.ast.Span span, boolean withFile) {
        return (withFile ? span.source().path() + ":" : "") + span.line() + ":" + span.column() + ": ";
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".vigil")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
