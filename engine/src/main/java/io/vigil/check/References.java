package io.vigil.check;

import io.vigil.stats.quality.ModelKind;
import java.util.Map;
import java.util.Set;

/**
 * What the config defines that rule files may name: channels, actions, per-model default baselines,
 * and the kinds of the models that send predictions (models.&lt;m&gt;.kind).
 */
public record References(Set<String> channels, Set<String> actions, Map<String, String> modelBaselines,
                         Map<String, ModelKind> modelKinds) {
    public References {
        channels = Set.copyOf(channels);
        actions = Set.copyOf(actions);
        modelBaselines = Map.copyOf(modelBaselines);
        modelKinds = Map.copyOf(modelKinds);
    }

    /** References without model kinds. */
    public References(Set<String> channels, Set<String> actions, Map<String, String> modelBaselines) {
        this(channels, actions, modelBaselines, Map.of());
    }
}
