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
 * Every valid rule file of the project (examples, the rule library, the compile golden cases) compiles
 * into KieBases that hold exactly the rules of their DRL. All files are built as one rule set, the way
 * the engine loads them, so Drools is started once.
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
            for (int i = 0; i < g.drl().size(); i++) {
                KieBase kb = g.kieBases().get(i);
                long built = kb.getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum();
                Matcher m = RULE_HEADER.matcher(g.drl().get(i));
                long written = 0;
                while (m.find()) written++;
                assertThat(built).as("rules in the KieBase of " + g.model() + " " + g.schedule().key()).isEqualTo(written);
            }
        }
    }
}
