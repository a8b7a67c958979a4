package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Compiling DRL (the fallback when the prebuilt fixed rules are missing, and the build's own step), and
 * that the engine uses the prebuilt rules instead.
 */
class DrlBuildTest {

    private static String drl(double threshold) {
        return "package t;\nimport io.vigil.compile.Value;\n"
                + "rule \"high\" when $v : Value( value > " + threshold + " ) then insert( \"fired \" + $v.seq() ); end\n";
    }

    /** How many of the values fire the rule. */
    private static long fired(KieBase kb, double... values) {
        KieSession s = kb.newKieSession();
        try {
            for (int i = 0; i < values.length; i++) {
                s.insert(new Value(StepKind.BREACH, Relation.NONE, 1, new TreeMap<>(), "", values[i], i));
            }
            s.fireAllRules();
            return s.getObjects(o -> o instanceof String).size();
        } finally {
            s.dispose();
        }
    }

    @Test
    void compiledDrlEvaluates() {
        assertThat(fired(DrlBuild.kieBase(drl(0.8)), 0.7, 0.9, 1.5)).isEqualTo(2);
        assertThat(fired(DrlBuild.kieBase(drl(0.95)), 0.7, 0.9, 1.5)).isEqualTo(1);
    }

    @Test
    void rejectedDrlSaysWhyAndCarriesTheText() {
        String bad = "package t;\nrule \"broken\" when $v : NoSuchFact( ) then end\n";
        assertThatThrownBy(() -> DrlBuild.kieBase(bad)).isInstanceOf(CompileException.class)
                .hasMessageContaining("NoSuchFact")
                .satisfies(e -> assertThat(((CompileException) e).drl()).isEqualTo(bad));
    }

    @Test
    void theEngineUsesThePrebuiltFixedRules() {
        // built by FixedRulesBuild in the Maven build; without it every start would compile vigil.drl
        assertThat(FixedRules.prebuilt()).isTrue();
        assertThat(FixedRules.kieBase()).isSameAs(FixedRules.kieBase());
    }
}
