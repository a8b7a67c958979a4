package io.vigil.compile;

import io.vigil.check.ResolvedRule;
import io.vigil.plan.Operand;
import io.vigil.plan.Planner;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.kie.api.KieBase;

/**
 * Plans and compiles a checked rule set: groups rules by (model, schedule), splits big groups into
 * chunks and turns each chunk into a {@link StepProgram} for the fixed rules of {@code vigil.drl},
 * whose one KieBase {@link FixedRules} makes once per process.
 */
public final class RuleCompiler {
    private final CompileOptions options;

    public RuleCompiler(CompileOptions options) {
        this.options = options;
    }

    /** Plans everything and makes sure the fixed rules are built; throws {@link CompileException} if Drools rejects them. */
    public CompiledRuleSet compile(List<ResolvedRule> rules) {
        Map<List<String>, List<RulePlan>> byGroup = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (ResolvedRule r : rules) {
            byGroup.computeIfAbsent(List.of(r.model(), r.schedule().key()), k -> new ArrayList<>()).add(Planner.plan(r));
        }
        KieBase rulesBase = FixedRules.kieBase();
        List<CompiledGroup> groups = new ArrayList<>();
        for (List<RulePlan> plans : byGroup.values()) groups.add(group(plans, rulesBase));
        return new CompiledRuleSet(groups);
    }

    /**
     * The steps of each model's rules as one program, as {@code vigil compile} prints them; the engine
     * runs the same steps chunk by chunk. Nothing is built here.
     */
    public static SortedMap<String, String> listingByModel(List<ResolvedRule> rules) {
        Map<String, List<RulePlan>> byModel = new TreeMap<>();
        for (ResolvedRule r : rules) byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(Planner.plan(r));
        SortedMap<String, String> out = new TreeMap<>();
        byModel.forEach((model, plans) -> {
            plans.sort(Comparator.comparing(RulePlan::id));
            Map<Operand, Integer> operands = operandIndex(plans);
            out.put(model, StepListing.of(StepProgram.of(new ChunkLayout(plans, operands::get))));
        });
        return out;
    }

    private CompiledGroup group(List<RulePlan> plans, KieBase rulesBase) {
        plans.sort(Comparator.comparing(RulePlan::id));
        Map<Operand, Integer> operands = operandIndex(plans);
        Map<RulePlan, Integer> index = new HashMap<>();
        for (int i = 0; i < plans.size(); i++) index.put(plans.get(i), i);
        List<Chunk> chunks = new ArrayList<>();
        for (List<RulePlan> members : split(plans)) {
            ChunkLayout layout = new ChunkLayout(members, operands::get);
            int[] groupIndex = members.stream().mapToInt(index::get).toArray();
            int[][] operandsOfRule = members.stream()
                    .map(p -> p.slots().stream().mapToInt(operands::get).toArray()).toArray(int[][]::new);
            chunks.add(new Chunk(StepProgram.of(layout), groupIndex, operandsOfRule, rulesBase));
        }
        RulePlan first = plans.get(0);
        return new CompiledGroup(first.rule().model(), first.schedule(), plans, List.copyOf(operands.keySet()), chunks);
    }

    private static Map<Operand, Integer> operandIndex(List<RulePlan> plans) {
        Map<Operand, Integer> operands = new LinkedHashMap<>();
        for (RulePlan p : plans) for (Operand o : p.slots()) operands.putIfAbsent(o, operands.size());
        return operands;
    }

    /**
     * Splits a group into about size/chunkSize chunks by a hash of each rule's id, with a power-of-two
     * chunk count, so one session's working memory stays bounded.
     */
    private List<List<RulePlan>> split(List<RulePlan> plans) {
        int wanted = (plans.size() + options.chunkSize() - 1) / options.chunkSize();
        int buckets = Integer.highestOneBit(Math.max(1, wanted - 1)) << (wanted > 1 ? 1 : 0);
        List<List<RulePlan>> out = new ArrayList<>();
        for (int i = 0; i < buckets; i++) out.add(new ArrayList<>());
        for (RulePlan p : plans) out.get(((p.id().hashCode() * 0x9E3779B1) >>> 8) % buckets).add(p);
        out.removeIf(List::isEmpty);
        return out;
    }
}
