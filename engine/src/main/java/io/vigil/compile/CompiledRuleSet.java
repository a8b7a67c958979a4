package io.vigil.compile;

import java.util.List;

/** A checked rule set, planned and compiled: one {@link CompiledGroup} per (model, schedule), sorted. */
public record CompiledRuleSet(List<CompiledGroup> groups) {
    public CompiledRuleSet { groups = List.copyOf(groups); }
}
