package io.vigil.testing;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.RuleSources;
import io.vigil.compile.CompileException;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigResult;
import io.vigil.runtime.Evaluator;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tests of one rule test file: checks and compiles its rules, loads its inputs into a fresh
 * in-memory store, replays every rule on its own schedule from {@code start} (the evaluation path of live
 * runs), stores each evaluation through the production outbox path ({@link ReplayOutbox}), and checks
 * each test against the state after each rule's latest evaluation at or before start + at and the
 * deliveries made by then. Nothing is written to disk and nothing is sent.
 */
public final class RuleTestRunner {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final RuleCompiler compiler;
    private final ConfigLoader configs;

    /** @param compiler shared across files, so files that load the same rules compile them once */
    public RuleTestRunner(RuleCompiler compiler, ConfigLoader configs) {
        this.compiler = compiler;
        this.configs = configs;
    }

    /** One test's outcome: passed when {@code problems} is empty. */
    public record CaseResult(TestFile.TestCase test, List<String> problems) {
        public boolean passed() { return problems.isEmpty(); }
    }

    /**
     * A file's outcome. {@code diagnostics} are problems of its rules or config (every test then fails)
     * or, when {@code malformed}, of the test file itself.
     */
    public record FileResult(TestFile file, List<Diagnostic> diagnostics, boolean malformed, String error,
                             List<CaseResult> cases) {
        public long failed() {
            return (diagnostics.stream().anyMatch(Diagnostic::isError) || error != null) ? file.tests().size()
                    : cases.stream().filter(c -> !c.passed()).count();
        }

        public long passed() { return file.tests().size() - failed(); }
    }

    public FileResult run(TestFile file) {
        Config config = null;
        if (file.config() != null) {
            ConfigResult loaded;
            try {
                loaded = configs.load(file.config());
            } catch (IOException e) {
                return failed(file, List.of(), "cannot read " + file.config() + ": " + e.getMessage());
            }
            if (!loaded.ok()) return new FileResult(file, loaded.errors(), false, null, List.of());
            config = loaded.config();
        }
        CheckResult check;
        try {
            List<Source> sources = RuleSources.load(file.rules());
            check = Checker.check(sources, config == null ? null : config.references());
        } catch (RuleSources.LoadException e) {
            return failed(file, List.of(), e.getMessage());
        }
        if (check.hasErrors()) {
            return new FileResult(file, check.diagnostics().stream().filter(Diagnostic::isError).toList(), false, null,
                    List.of());
        }
        RuleIds ids = new RuleIds(check.rules());
        Config settings = config;
        TestData data = new TestData(file, ids.models(), m -> settings == null ? null : settings.model(m).kind());
        List<Diagnostic> problems = new ArrayList<>(data.problems());
        problems.addAll(ids.problems(file.tests()));
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            return new FileResult(file, problems, true, null, List.of());
        }
        CompiledRuleSet compiled;
        try {
            compiled = compiler.compile(check.rules());
        } catch (CompileException e) {
            return failed(file, List.of(), "the rules did not compile (a bug in Vigil, please report it): " + e.getMessage());
        }
        StoreSettings mem = StoreSettings.of("jdbc:h2:mem:vigil-test-" + DATABASES.incrementAndGet()).withPoolSize(2);
        try (JdbcMetricStore store = JdbcMetricStore.open(mem)) {
            data.write(store);
            return new FileResult(file, List.of(), false, null, replay(file, compiled, store, config, ids,
                    new ReplayOutbox(store.database().dataSource(), config, check.rules())));
        }
    }

    /**
     * Opens and drops a throwaway in-memory store on a background thread, so loading H2, HikariCP and
     * Flyway (about a quarter of a short run) overlaps reading and checking the test files.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                // opening (and migrating) is the point
                JdbcMetricStore.open(StoreSettings.of("jdbc:h2:mem:vigil-warm-up-" + DATABASES.incrementAndGet())
                        .withPoolSize(1)).close();
            } catch (RuntimeException e) {
                // the real store reports any problem when it opens
            }
        }, "vigil-store-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static FileResult failed(TestFile file, List<Diagnostic> d, String error) {
        return new FileResult(file, d, false, error, List.of());
    }

    private List<CaseResult> replay(TestFile file, CompiledRuleSet compiled, JdbcMetricStore store, Config config, RuleIds ids,
                                    ReplayOutbox outbox) {
        List<ReplayOutbox.Delivery> sent = new ArrayList<>();
        Map<String, TestSnapshot.Failure> failures = new HashMap<>();
        Replay replay = new Replay(new Evaluator(new StoreOperands(store, config)), compiled.groups(), file.start(), (r, folds) -> {
            for (Evaluator.RuleResult rule : r.rules()) {
                if (rule.failed()) failures.put(rule.plan().id(), new TestSnapshot.Failure(r.t(), String.join("; ", rule.errors())));
                else failures.remove(rule.plan().id());
            }
            for (ReplayOutbox.Delivery d : outbox.evaluated(r, folds)) if (d.sent()) sent.add(d);
        });
        TreeSet<Duration> ats = new TreeSet<>();
        file.tests().forEach(t -> ats.add(t.at()));
        Map<Duration, TestSnapshot> snapshots = new TreeMap<>();
        int sentBefore = 0;
        for (Duration at : ats) {
            Instant t = file.start().plus(at);
            replay.advance(t);
            for (ReplayOutbox.Delivery d : outbox.until(t)) if (d.sent()) sent.add(d);
            snapshots.put(at, TestSnapshot.of(t, ids.rules(), replay.book(), sent.subList(sentBefore, sent.size()),
                    failures));
            sentBefore = sent.size();
        }
        List<CaseResult> out = new ArrayList<>();
        for (TestFile.TestCase test : file.tests()) {
            out.add(new CaseResult(test, new CaseCheck(ids, snapshots.get(test.at()), file.start()).problems(test)));
        }
        return out;
    }
}
