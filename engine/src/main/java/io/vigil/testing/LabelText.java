package io.vigil.testing;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Label sets as people read them in rule files and Prometheus: {@code {segment="EU", version="3.2"}}. */
public final class LabelText {
    private LabelText() {}

    public static String of(Map<String, String> labels) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        new TreeMap<>(labels).forEach((k, v) -> out.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\""));
        return out.toString();
    }
}
