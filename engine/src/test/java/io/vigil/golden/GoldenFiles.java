package io.vigil.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden-file tests: every {@code <case><inputExt>} in a directory under {@code src/test/resources/golden}
 * is rendered and compared exactly with {@code <case><expectedExt>} beside it. Run with
 * {@code -Dgolden.update=true} to (re)write the expected files instead, then review the diff like code.
 *
 * <pre>{@code
 * @TestFactory Stream<DynamicTest> compile() {
 *     return GoldenFiles.cases("compile", ".vigil", ".drl", input -> render(input));
 * }
 * }</pre>
 */
public final class GoldenFiles {
    private GoldenFiles() {}

    /** Where the cases live, relative to the module directory (Maven runs tests there). */
    public static final Path ROOT = Path.of("src/test/resources/golden");

    public static boolean updating() { return Boolean.getBoolean("golden.update"); }

    /**
     * One dynamic test per case in {@code ROOT/dir}, sorted by name.
     *
     * @param render turns an input file into the text expected in the golden file
     */
    public static Stream<DynamicTest> cases(String dir, String inputExt, String expectedExt, Function<Path, String> render) {
        Path folder = ROOT.resolve(dir);
        List<Path> inputs;
        try (Stream<Path> files = Files.list(folder)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(inputExt)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(inputs).as("golden cases in " + folder).isNotEmpty();
        return inputs.stream().map(input -> {
            String name = input.getFileName().toString();
            Path expected = input.resolveSibling(name.substring(0, name.length() - inputExt.length()) + expectedExt);
            return DynamicTest.dynamicTest(name, () -> check(input, expected, render));
        });
    }

    private static void check(Path input, Path expected, Function<Path, String> render) throws IOException {
        String actual = render.apply(input);
        if (updating()) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("expected output; create it with -Dgolden.update=true and review it").exists();
        assertThat(actual).as("output for " + input + " (regenerate with -Dgolden.update=true if the change is intended)")
                .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    /** The text of a file, for renderers. */
    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
