package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * The fallback build of DRL (used when the prebuilt fixed rules are missing, and by the build itself):
 * compiled packages are kept on disk by DRL hash and reloaded by a restarted process without compiling.
 */
class KieBaseCacheTest {

    @TempDir Path cacheDir;

    private static String drl(double threshold) {
        return "package t;\nimport io.vigil.compile.Value;\n"
                + "rule \"high\" when $v : Value( value > " + threshold + " ) then insert( \"fired \" + $v.seq() ); end\n";
    }

    /** How many of the values fire the rule. */
    private static long fired(KieBase kb, double... values) {
        KieSession s = kb.newKieSession();
        try {
            for (int i = 0; i < values.length; i++) s.insert(new Value(StepKind.BREACH, Relation.NONE, 1, new TreeMap<>(), "", values[i], i));
            s.fireAllRules();
            return s.getObjects(o -> o instanceof String).size();
        } finally {
            s.dispose();
        }
    }

    private List<Path> cached() throws Exception {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
    }

    @Test
    void anUnchangedDrlReloadsFromDiskAndStillEvaluates() throws Exception {
        KieBaseCache first = new KieBaseCache(cacheDir);
        first.get(drl(0.8));
        assertThat(first.builds()).isEqualTo(1);
        assertThat(cached()).hasSize(1);

        KieBaseCache restarted = new KieBaseCache(cacheDir);
        KieBase kb = restarted.get(drl(0.8));
        assertThat(restarted.builds()).isZero();
        assertThat(restarted.diskLoads()).isEqualTo(1);
        assertThat(fired(kb, 0.7, 0.9, 1.5)).isEqualTo(2);

        KieBaseCache edited = new KieBaseCache(cacheDir);
        KieBase changed = edited.get(drl(0.95));
        assertThat(edited.builds()).isEqualTo(1);
        assertThat(cached()).hasSize(2);
        assertThat(fired(changed, 0.7, 0.9, 1.5)).isEqualTo(1);
    }

    @Test
    void aCorruptCachedPackageIsRebuilt() throws Exception {
        new KieBaseCache(cacheDir).get(drl(0.8));
        Files.write(cached().get(0), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        KieBaseCache restarted = new KieBaseCache(cacheDir);
        KieBase kb = restarted.get(drl(0.8));
        assertThat(restarted.builds()).isEqualTo(1);
        assertThat(fired(kb, 0.9)).isEqualTo(1);
        assertThat(Files.size(cached().get(0))).isGreaterThan(100);
    }

    @Test
    void theEngineUsesThePrebuiltFixedRules() {
        // built by FixedRulesBuild in the Maven build; without it every start would compile vigil.drl
        assertThat(FixedRules.prebuilt()).isTrue();
        assertThat(FixedRules.kieBase()).isSameAs(FixedRules.kieBase());
    }
}
