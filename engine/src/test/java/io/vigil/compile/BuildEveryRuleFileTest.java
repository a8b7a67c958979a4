package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.RuleSources;
import io.vigil.golden.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

/**
 * Every valid rule file of the project (examples, the rule library, the compile golden cases) plans into
 * steps that the fixed rules evaluate without error, and the KieBase holds exactly the rules of
 * vigil.drl. All files are compiled as one rule set, the way the engine loads them.
 */
class BuildEveryRuleFileTest {

    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^rule ");

    @Test
    void everyValidRuleFileBuilds() throws Exception {
        List<Path> roots = new ArrayList<>();
        for (String dir : List.of("../examples", "../rules")) if (Files.isDirectory(Path.of(dir))) roots.add(Path.of(dir));
        List<Source> sources = new ArrayList<>(RuleSources.load(roots));
        try (var golden = Files.list(GoldenFiles.ROOT.resolve("compile"))) {
            for (Path p : golden.filter(f -> f.toString().endsWith(".vigil")).sorted().toList()) {
                sources.add(new Source(p.toString(), Files.readString(p)));
            }
        }
        assertThat(sources.size()).isGreaterThanOrEqualTo(9);
        CheckResult checked = Checker.check(sources, null);
        assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();

        CompiledRuleSet set = new RuleCompiler(CompileOptions.defaults()).compile(checked.rules());

        assertThat(set.groups().stream().mapToInt(g -> g.rules().size()).sum()).isEqualTo(checked.rules().size());
        for (CompiledGroup g : set.groups()) {
            // no data: nothing breaches, and no step trips over another
            assertThat(g.evaluate(g.newInputs())).allSatisfy(o -> {
                assertThat(o.errors()).isEmpty();
                if (!(o.plan().root() instanceof io.vigil.plan.Node.Constant)) assertThat(o.breaches()).isEmpty();
            });
        }
        KieBase kb = FixedRules.kieBase();
        long built = kb.getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum();
        Matcher m = RULE_HEADER.matcher(FixedRules.drl());
        long written = 0;
        while (m.find()) written++;
        assertThat(written).isGreaterThan(20);
        assertThat(built).as("rules in the KieBase of vigil.drl").isEqualTo(written);
    }
}
