package io.vigil.bench;

import io.vigil.check.CheckResult;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.runtime.Engine;
import io.vigil.runtime.Evaluator;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.Database;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Issue 4's speed figures: full evaluation rounds (every group of a 1,000-rule set at one T, through
 * {@link Engine#evaluate}, alert state stored as in a live run) over the {@link EngineDataSet}, on H2
 * or PostgreSQL, split into store/statistics time and Drools time; and the heap the engine holds
 * with the rules loaded and after a round (after a full GC). The data set is generated once into
 * {@code <dir>} and reused by later runs. Run it with bench/engine-round.sh.
 * Arguments: {@code h2|postgresql <dir> [days=7] [rounds=5] [rules=1000]}.
 */
public final class EngineRound {
    private static final PrintStream OUT = System.out;
    /** Appended to the H2 URL, e.g. {@code ;CACHE_SIZE=524288} (KiB); bench/engine-round.sh passes $H2_OPTIONS. */
    private static final String H2_OPTIONS = System.getProperty("vigil.bench.h2Options", "");

    /** One round's figures in milliseconds. */
    private record Round(Instant t, double total, double operands, double drools, long breaches, long failed) {
        double state() { return total - operands - drools; }
    }

    public static void main(String[] args) throws Exception {
        String vendor = args[0];
        Path dir = Path.of(args[1]).toAbsolutePath();
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int ruleCount = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        EngineDataSet data = EngineDataSet.standard(days);
        Path home = dir.resolve(vendor + "-" + days + "d");
        Path marker = home.resolve("dataset.txt");
        if (!data.isLoadedIn(marker)) deleteTree(home);
        Files.createDirectories(home);
        OUT.printf("machine: %d cores, load average %s; max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(), Runtime.getRuntime().maxMemory() >> 20);
        OUT.printf("data set: %,d series (%d models x %d metrics x %d label sets), %d days of 5-minute samples"
                        + " = %,d samples, in %s%n", data.series(), data.models(), data.metrics(), data.labelSets(),
                days, data.samples(), home);
        BenchPostgres pg = vendor.equals("postgresql") ? BenchPostgres.start(home.resolve("pg-data")) : null;
        StoreSettings settings = pg != null ? pg.settings()
                : StoreSettings.of("jdbc:h2:file:" + home.resolve("h2").resolve("vigil") + H2_OPTIONS);
        if (pg == null) OUT.println("H2 URL options: " + (H2_OPTIONS.isEmpty() ? "none" : H2_OPTIONS));
        try (JdbcMetricStore store = JdbcMetricStore.open(settings.withRetention(java.time.Duration.ofDays(3650)))) {
            if (!data.isLoadedIn(marker)) {
                OUT.println("generating the data set (once; later runs reuse it):");
                data.load(store, marker, OUT);
                // Statistics for the planner, and on PostgreSQL the visibility map autovacuum would have
                // set on a live store (index-only scans need it).
                long start = System.nanoTime();
                sql(store.database(), pg != null ? "VACUUM ANALYZE" : "ANALYZE");
                OUT.printf("  %s in %.0f s%n", pg != null ? "VACUUM ANALYZE" : "ANALYZE", (System.nanoTime() - start) / 1e9);
            }
            run(store, data, home, rounds, ruleCount);
        } finally {
            if (pg != null) pg.close();
        }
    }

    private static void run(JdbcMetricStore store, EngineDataSet data, Path home, int rounds, int ruleCount)
            throws Exception {
        // Alert state of earlier runs would change what each round writes; every run starts from none.
        for (String table : List.of("alert_transitions", "alert_instances", "rule_evaluations", "group_evaluations")) {
            sql(store.database(), "DELETE FROM " + table);
        }
        Path rules = home.resolve("rules.vigil");
        Files.writeString(rules, EngineRuleSet.generate(data, ruleCount));
        RuleCompiler compiler = new RuleCompiler(CompileOptions.defaults());
        Engine engine = new Engine(store.database(), store, compiler, CatchUp.NONE,
                Clock.fixed(EngineDataSet.END, ZoneOffset.UTC));
        long start = System.nanoTime();
        CheckResult check = engine.load(List.of(rules), null);
        if (check.hasErrors()) throw new IllegalStateException("generated rules do not check: " + check.diagnostics());
        List<String> groups = new ArrayList<>(engine.loaded().groups().keySet());
        OUT.printf("rules: %d in %d groups loaded in %.1f s (check + plan + the fixed rules' KieBase, prebuilt: %s)%n",
                check.rules().size(), groups.size(), (System.nanoTime() - start) / 1e9, FixedRules.prebuilt());
        OUT.printf("heap after loading the rules (after GC): %d MiB%n", usedHeapMiB());

        List<Round> measured = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Instant t = EngineDataSet.END.minus(EngineDataSet.STEP.multipliedBy(rounds - 1 - r));
            Round round = round(engine, groups, t);
            measured.add(round);
            OUT.printf("round %d at %s: total %6.0f ms = store+stats %6.0f ms + drools %5.0f ms + state/explain %4.0f ms;"
                            + " %d breaching instances, %d rules failed%n", r + 1, t, round.total(), round.operands(),
                    round.drools(), round.state(), round.breaches(), round.failed());
        }
        List<Round> afterFirst = measured.size() > 1 ? measured.subList(1, measured.size()) : measured;
        Round median = afterFirst.stream().sorted(Comparator.comparingDouble(Round::total)).toList()
                .get(afterFirst.size() / 2);
        OUT.printf("median round (rounds 2..%d): total %.0f ms = store+stats %.0f ms (%.0f%%) + drools %.0f ms (%.0f%%)"
                        + " + state/explain %.0f ms%n", measured.size(), median.total(), median.operands(),
                100 * median.operands() / median.total(), median.drools(), 100 * median.drools() / median.total(),
                median.state());
        OUT.printf("heap after the rounds (after GC): %d MiB%n", usedHeapMiB());

        OUT.println("store+stats time by operand kind, one more round through the evaluator alone:");
        OperandProfile profile = new OperandProfile(new StoreOperands(store));
        Evaluator evaluator = new Evaluator(profile);
        Map<String, CompiledGroup> byKey = engine.loaded().groups();
        for (String key : groups) evaluator.evaluate(byKey.get(key), EngineDataSet.END);
        profile.print(OUT);
    }

    private static Round round(Engine engine, List<String> groups, Instant t) {
        long start = System.nanoTime();
        long operands = 0;
        long drools = 0;
        long breaches = 0;
        long failed = 0;
        for (String key : groups) {
            Evaluator.GroupResult result = engine.evaluate(key, t);
            operands += result.operandTime().toNanos();
            drools += result.conditionTime().toNanos();
            for (Evaluator.RuleResult rule : result.rules()) {
                breaches += rule.instances().size();
                if (rule.failed()) failed++;
            }
        }
        return new Round(t, (System.nanoTime() - start) / 1e6, operands / 1e6, drools / 1e6, breaches, failed);
    }

    private static long usedHeapMiB() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static void sql(Database database, String statement) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
