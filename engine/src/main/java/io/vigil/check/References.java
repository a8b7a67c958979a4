package io.vigil.check;

import java.util.Map;
import java.util.Set;

/** What the config defines that rule files may name: channels, actions, and per-model default baselines. */
public record References(Set<String> channels, Set<String> actions, Map<String, String> modelBaselines) {
    public References {
        channels = Set.copyOf(channels);
        actions = Set.copyOf(actions);
        modelBaselines = Map.copyOf(modelBaselines);
    }
}
