package io.vigil.bench;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.FixedRules;
import io.vigil.compile.DrlBuild;
import io.vigil.compile.RuleCompiler;
import java.util.List;

/**
 * One measurement of "rule text to ready to evaluate" in this JVM, meant to run in a fresh JVM per
 * measurement (bench/kiebase.sh), since cold start is what a restarted engine pays: check, plan, and
 * the fixed rules' KieBase from the classes built by Maven. With {@code drl} as the second argument it
 * instead times compiling vigil.drl at run time (what a build without FixedRulesBuild would pay).
 * Arguments: rules, and optionally "drl".
 */
public final class RuleSetLoadTiming {
    private RuleSetLoadTiming() {}

    public static void main(String[] args) {
        int rules = Integer.parseInt(args[0]);
        if (args.length > 1 && args[1].equals("drl")) {
            long t = System.nanoTime();
            DrlBuild.kieBase(FixedRules.drl());
            System.out.printf("vigil.drl compiled at run time (executable model): %d ms%n", (System.nanoTime() - t) / 1_000_000);
            return;
        }
        long t0 = System.nanoTime();
        String text = RuleSetGenerator.generate(rules, Math.max(1, rules / 250), 2);
        CheckResult checked = Checker.check(List.of(new Source("bench.vigil", text)), null);
        if (checked.hasErrors()) throw new IllegalStateException(checked.diagnostics().toString());
        long t1 = System.nanoTime();
        RuleCompiler compiler = new RuleCompiler(CompileOptions.defaults());
        CompiledRuleSet set = compiler.compile(checked.rules());
        long t2 = System.nanoTime();
        long steps = set.groups().stream().flatMap(g -> g.listings().stream())
                .mapToLong(l -> l.lines().filter(s -> s.startsWith("  level")).count()).sum();
        System.out.printf("rules=%d groups=%d steps=%d prebuilt=%s check=%dms plan+kiebase=%dms total=%dms%n",
                checked.rules().size(), set.groups().size(), steps, FixedRules.prebuilt(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
    }
}
