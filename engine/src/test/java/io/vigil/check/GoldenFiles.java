package io.vigil.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.stats.quality.ModelKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files for the front end: each {@code <case>.vigil} under {@code src/test/resources/golden/<kind>}
 * has its expected output beside it in {@code <case>.expected}. Run with {@code -Dgolden.update=true} to
 * rewrite the expected files from the code, then review the diff like code.
 */
public final class GoldenFiles {
    /** Test resources, read from the module directory so an update writes back to the sources. */
    public static final Path RESOURCES = Path.of("src/test/resources");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {}

    /** The {@code .vigil} cases of one golden kind, sorted. */
    public static List<Path> cases(String kind) {
        try (Stream<Path> files = Files.list(RESOURCES.resolve("golden").resolve(kind))) {
            return files.filter(f -> f.toString().endsWith(".vigil")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as a source whose path is relative to the resources directory, as a user would name it. */
    public static Source source(Path file) {
        return new Source(RESOURCES.relativize(file).toString(), read(file));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The config references a case declares in a header line such as
     * {@code # config: channels=ml_oncall,slack actions=retrain baselines=churn:training kinds=price:regression}, or null (no config).
     */
    public static References references(String text) {
        for (String line : text.lines().toList()) {
            if (!line.startsWith("# config:")) continue;
            Set<String> channels = new TreeSet<>();
            Set<String> actions = new TreeSet<>();
            Map<String, String> baselines = new TreeMap<>();
            Map<String, ModelKind> kinds = new TreeMap<>();
            for (String part : line.substring("# config:".length()).trim().split("\\s+")) {
                if (part.isEmpty()) continue;
                String[] kv = part.split("=", 2);
                List<String> values = kv.length < 2 || kv[1].isEmpty() ? List.of() : List.of(kv[1].split(","));
                switch (kv[0]) {
                    case "channels" -> channels.addAll(values);
                    case "actions" -> actions.addAll(values);
                    case "baselines" -> values.forEach(v -> baselines.put(v.split(":")[0], v.split(":")[1]));
                    case "kinds" -> values.forEach(v -> kinds.put(v.split(":")[0], ModelKind.byYamlName(v.split(":")[1])));
                    default -> throw new IllegalArgumentException("unknown config header key " + kv[0]);
                }
            }
            return new References(channels, actions, baselines, kinds);
        }
        return null;
    }

    /** Checks one case file alone, with the config references its header declares. */
    public static CheckResult check(Source source) {
        return Checker.check(List.of(source), references(source.text()));
    }

    /** Compares {@code actual} with the case's expected file, or rewrites it when updating. */
    public static void verify(Path vigilFile, String actual) {
        String name = vigilFile.getFileName().toString();
        Path expected = vigilFile.resolveSibling(name.substring(0, name.length() - ".vigil".length()) + ".expected");
        try {
            if (UPDATE) {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(Files.exists(expected)).as("%s is missing; run with -Dgolden.update=true", expected).isTrue();
            assertThat(actual).as("output for %s (rerun with -Dgolden.update=true to accept)", vigilFile)
                    .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
