package io.vigil.bench;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.KieBaseCache;
import io.vigil.compile.RuleCompiler;
import java.nio.file.Path;
import java.util.List;

/**
 * One measurement of "rule text to ready KieBases" in this JVM, meant to run in a fresh JVM per
 * measurement (bench/kiebase.sh): cold start is what a restarted engine pays.
 * Arguments: rules, cache dir ("-" for none), chunk size, threads, engine (EXECUTABLE_MODEL or CLASSIC),
 * and optionally models and schedules per model (default rules/250 and 2).
 */
public final class KieBaseBuild {
    public static void main(String[] args) {
        int rules = Integer.parseInt(args[0]);
        Path cache = args[1].equals("-") ? null : Path.of(args[1]);
        int chunk = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        KieBaseCache.Engine engine = KieBaseCache.Engine.valueOf(args[4]);
        long t0 = System.nanoTime();
        int models = args.length > 5 ? Integer.parseInt(args[5]) : Math.max(1, rules / 250);
        int schedules = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        String text = RuleSetGenerator.generate(rules, models, schedules);
        CheckResult checked = Checker.check(List.of(new Source("bench.vigil", text)), null);
        if (checked.hasErrors()) throw new IllegalStateException(checked.diagnostics().toString());
        long t1 = System.nanoTime();
        RuleCompiler compiler = new RuleCompiler(new CompileOptions(cache, chunk, threads, engine));
        CompiledRuleSet set = compiler.compile(checked.rules());
        long t2 = System.nanoTime();
        long kieBases = set.groups().stream().mapToLong(g -> g.listings().size()).sum();
        long drlRules = set.groups().stream().flatMap(g -> g.kieBases().stream())
                .mapToLong(kb -> kb.getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum()).sum();
        System.out.printf("engine=%s chunk=%d rules=%d groups=%d kiebases=%d drools-rules=%d built=%d reloaded=%d check=%dms compile=%dms"
                        + " total=%dms%n", engine, chunk, checked.rules().size(), set.groups().size(), kieBases, drlRules,
                compiler.cache().builds(), compiler.cache().diskLoads(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
    }
}
