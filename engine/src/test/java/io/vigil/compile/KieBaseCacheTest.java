package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled packages are kept on disk by DRL hash and reloaded by a restarted engine without recompiling. */
class KieBaseCacheTest {

    @TempDir Path cacheDir;

    private static List<io.vigil.check.ResolvedRule> rules(String threshold) {
        String text = "model m { every 1m  notify x  rule r { when accuracy < " + threshold + " } }\n";
        CheckResult checked = Checker.check(List.of(new Source("c.vigil", text)), null);
        assertThat(checked.hasErrors()).isFalse();
        return checked.rules();
    }

    private RuleCompiler compiler() {
        return new RuleCompiler(CompileOptions.defaults().withCacheDir(cacheDir));
    }

    private static List<Breach> evaluate(CompiledRuleSet set, double accuracy) {
        CompiledGroup g = set.groups().get(0);
        Inputs in = g.newInputs().add(0, Map.of("segment", "EU"), accuracy);
        return g.evaluate(in).get(0).breaches();
    }

    private List<Path> cached() throws Exception {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
    }

    @Test
    void anUnchangedRuleSetReloadsFromDiskAndStillEvaluates() throws Exception {
        RuleCompiler first = compiler();
        first.compile(rules("0.8"));
        assertThat(first.cache().builds()).isEqualTo(1);
        assertThat(cached()).hasSize(1);

        RuleCompiler restarted = compiler();
        CompiledRuleSet set = restarted.compile(rules("0.8"));
        assertThat(restarted.cache().builds()).isZero();
        assertThat(restarted.cache().diskLoads()).isEqualTo(1);
        assertThat(evaluate(set, 0.7)).singleElement().satisfies(b -> assertThat(b.value()).isEqualTo(0.7));
        assertThat(evaluate(set, 0.9)).isEmpty();

        RuleCompiler edited = compiler();
        CompiledRuleSet changed = edited.compile(rules("0.95"));
        assertThat(edited.cache().builds()).isEqualTo(1);
        assertThat(cached()).hasSize(2);
        assertThat(evaluate(changed, 0.9)).hasSize(1);
    }

    @Test
    void aCorruptCachedPackageIsRebuilt() throws Exception {
        compiler().compile(rules("0.8"));
        Files.write(cached().get(0), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        RuleCompiler restarted = compiler();
        CompiledRuleSet set = restarted.compile(rules("0.8"));
        assertThat(restarted.cache().builds()).isEqualTo(1);
        assertThat(evaluate(set, 0.7)).hasSize(1);
        assertThat(Files.size(cached().get(0))).isGreaterThan(100);
    }
}
