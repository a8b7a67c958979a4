package io.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by commands; defaults to {@code ./vigil.yaml} when present. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (channels, actions, store). Default: ./vigil.yaml when present.")
    Path path;

    /** The config file to use, or null when none was given and ./vigil.yaml does not exist. */
    public Path resolve() {
        if (path != null) return path;
        Path local = Path.of("vigil.yaml");
        return Files.exists(local) ? local : null;
    }
}
