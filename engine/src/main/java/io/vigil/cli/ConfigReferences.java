package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.check.References;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads the names a rule file may reference (channels, actions, model baselines) from a config file. */
final class ConfigReferences {
    private ConfigReferences() {}

    static final class ConfigException extends Exception {
        ConfigException(String message) { super(message); }
    }

    static References read(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("cannot read"));
        }
        Set<String> channels = new HashSet<>();
        Set<String> actions = new HashSet<>();
        Map<String, String> baselines = new HashMap<>();
        if (root != null) {
            root.path("channels").fieldNames().forEachRemaining(channels::add);
            root.path("actions").fieldNames().forEachRemaining(actions::add);
            root.path("models").fields().forEachRemaining(e -> {
                JsonNode b = e.getValue().path("baseline");
                if (b.isTextual()) baselines.put(e.getKey(), b.asText());
            });
        }
        return new References(channels, actions, baselines);
    }
}
