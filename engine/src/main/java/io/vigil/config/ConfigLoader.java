package io.vigil.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads vigil.yaml: YAML via jackson-dataformat-yaml, then {@code ${NAME}} / {@code ${NAME:-default}}
 * from an injected environment, then typed and checked settings. Never logs; every problem comes back
 * as a diagnostic with the file's line and column and the key path.
 */
public final class ConfigLoader {
    private final Map<String, String> environment;

    /** A loader that expands variables from this map (tests inject their own). */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A loader that reads the process environment. */
    public static ConfigLoader fromProcessEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Reads and loads a file; paths inside resolve against its directory. I/O problems are thrown. */
    public ConfigResult load(Path file) throws IOException {
        String text = Files.readString(file);
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir);
    }

    /**
     * Loads config text.
     *
     * @param displayPath how diagnostics name the file
     * @param baseDir     the directory {@code rules:} paths resolve against
     */
    public ConfigResult parse(String displayPath, String text, Path baseDir) {
        NodeReader reader = new NodeReader(text, environment);
        YamlTree.Result tree = YamlTree.read(text, java.nio.file.Path.of(displayPath).getFileName().toString());
        reader.addAll(tree.problems());
        Config config = null;
        if (tree.problems().isEmpty()) {
            if (tree.root() != null && !(tree.root() instanceof YamlNode.Mapping)) {
                reader.error(tree.root().start(), "", "expected a mapping of sections (rules, store, server, "
                        + "smtp, channels, actions, models, approvals, engine, silences), got " + tree.root().kind());
            } else {
                config = new ConfigBinder(reader, baseDir).bind(tree.root());
            }
        }
        return new ConfigResult(reader.hasErrors() ? null : config, reader.diagnostics(displayPath));
    }
}
