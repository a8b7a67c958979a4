package io.vigil.ast;

import java.util.List;

/** One parsed {@code .vigil} file: its model blocks in source order. */
public record RuleFile(Source source, List<ModelBlock> models) {
    public RuleFile { models = List.copyOf(models); }
}
