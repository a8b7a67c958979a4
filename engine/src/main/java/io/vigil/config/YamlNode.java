package io.vigil.config;

import java.util.List;

/**
 * A YAML node with its position, which Jackson's own tree forgets. Offsets are code points into the
 * file text, [start, end), as SnakeYAML counts them.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
    int start();

    int end();

    /** What the node is, for "expected X, got Y" messages. */
    String kind();

    /**
     * A scalar as written (after YAML unquoting, before environment expansion).
     *
     * @param isNull  an empty value, {@code ~} or {@code null}
     * @param yamlBoolean Jackson resolved it as a YAML boolean (true/false/yes/no/on/off)
     */
    record Scalar(String text, boolean isNull, Boolean yamlBoolean, int start, int end) implements YamlNode {
        public String kind() { return isNull ? "nothing" : "'" + text + "'"; }
    }

    record Mapping(List<Entry> entries, int start, int end) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public String kind() { return "a mapping"; }
    }

    /** One {@code key: value} of a mapping; {@code keyStart} is where the key is written. */
    record Entry(String key, int keyStart, YamlNode value) {}

    record Sequence(List<YamlNode> items, int start, int end) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        public String kind() { return "a list"; }
    }
}
