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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plans and compiles a checked rule set: groups rules by (model, schedule), splits big groups into
 * chunks, writes each chunk's DRL and builds the KieBases in parallel through a {@link KieBaseCache}.
 */
public final class RuleCompiler {
    private final CompileOptions options;
    private final KieBaseCache cache;

    public RuleCompiler(CompileOptions options) {
        this.options = options;
        this.cache = new KieBaseCache(options.cacheDir(), options.engine());
    }

    /** The cache this compiler builds through, e.g. to see how many KieBases were compiled or reloaded. */
    public KieBaseCache cache() { return cache; }

    /** Plans, generates and builds everything; throws {@link CompileException} if Drools rejects generated DRL. */
    public CompiledRuleSet compile(List<ResolvedRule> rules) {
        Map<List<String>, List<RulePlan>> byGroup = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (ResolvedRule r : rules) {
            byGroup.computeIfAbsent(List.of(r.model(), r.schedule().key()), k -> new ArrayList<>()).add(Planner.plan(r));
        }
        List<CompiledGroup> groups = new ArrayList<>();
        for (List<RulePlan> plans : byGroup.values()) groups.add(group(plans));
        build(groups.stream().flatMap(g -> g.chunks().stream()).toList());
        return new CompiledRuleSet(groups);
    }

    /**
     * The DRL of each model's rules in one package, as {@code vigil compile} prints it; the engine builds
     * the same rules chunk by chunk. Nothing is built here.
     */
    public static SortedMap<String, String> drlByModel(List<ResolvedRule> rules) {
        Map<String, List<RulePlan>> byModel = new TreeMap<>();
        for (ResolvedRule r : rules) byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(Planner.plan(r));
        SortedMap<String, String> out = new TreeMap<>();
        byModel.forEach((model, plans) -> {
            plans.sort(Comparator.comparing(RulePlan::id));
            Map<Operand, Integer> operands = operandIndex(plans);
            out.put(model, DrlGenerator.generate("vigil", new ChunkLayout(plans, operands::get)));
        });
        return out;
    }

    private CompiledGroup group(List<RulePlan> plans) {
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
            chunks.add(new Chunk(layout, DrlGenerator.generate("vigil", layout), groupIndex, operandsOfRule));
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
     * chunk count: adding or removing a rule changes one chunk's DRL, so only that chunk recompiles.
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

    private void build(List<Chunk> chunks) {
        if (chunks.size() <= 1 || options.threads() == 1) {
            chunks.forEach(c -> c.build(cache));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), chunks.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Chunk c : chunks) done.add(pool.submit(() -> c.build(cache)));
            for (Future<?> f : done) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building rules", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
