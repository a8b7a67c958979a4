package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.IngestClient;
import io.vigil.ingest.IngestRoutes;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.JoinedPredictions;
import io.vigil.store.Labels;
import io.vigil.store.MetricStore;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import io.vigil.store.PredictionQuery;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Predictions end to end (issue 11).
 *
 * <p>{@code ingest}: a Vigil API server and store in this JVM; clients POST batches of {@code batch}
 * binary predictions with 5 features each (3 numbers, 2 categories) and 50 segments to
 * /api/v1/predictions. Bodies are built before the clock starts, so the figure is the server's.
 *
 * <p>{@code read}: {@code n} predictions over 30 days (50 segments, 70 % with an outcome 1 to 48 h
 * later) are written straight into the store, then the as-of join of a 7-day window and of its 28-day
 * reference is timed (the reads a quality rule with an estimate makes per evaluation).
 *
 * <p>{@code eval}: the same data with 5 features per prediction, then one evaluation of a rule group with
 * {@code accuracy(window=7d) by (segment)}, {@code auc(window=7d)} and {@code estimated_accuracy(window=7d)}
 * (28-day reference) through the production checker, compiler, {@code Evaluator} and {@code StoreOperands},
 * timed cold and then warm.
 *
 * <p>Usage: {@code PredictionBench ingest|read|eval h2|postgresql [n] [clients=4] [batch=1000] [--store URL]}
 */
public final class PredictionBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] PLANS = {"basic", "plus", "pro", "team"};
    private static final String[] REGIONS = {"north", "south", "east", "west", "center", "abroad"};

    private PredictionBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String backend = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : mode.equals("ingest") ? 200_000 : 1_000_000;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        String url = args.length > 6 && args[5].equals("--store") ? args[6] : null;
        try (BenchDatabase db = BenchDatabase.open(backend, url);
             JdbcMetricStore store = JdbcMetricStore.open(db.settings().withPoolSize(clients + 2))) {
            if (mode.equals("ingest")) ingest(store, backend, n, clients, batch);
            else if (mode.equals("eval")) eval(store, backend, n);
            else read(store, backend, n);
        }
    }

    private static void ingest(JdbcMetricStore store, String backend, int n, int clients, int batch) throws Exception {
        int warmup = Math.max(20, n / batch / 10);
        int requests = n / batch;
        System.out.printf("ingest backend=%s predictions=%d (+%d warm-up) batch=%d clients=%d cores=%d%n", backend, n,
                warmup * batch, batch, clients, Runtime.getRuntime().availableProcessors());
        List<byte[]> bodies = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < warmup + requests; i++) bodies.add(body(i, batch, random));
        try (ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store)))) {
            IngestClient client = new IngestClient(server.baseUri(), null);
            run(client, bodies.subList(0, 1), 1); // creates the 50 label sets alone
            run(client, bodies.subList(1, warmup), clients);
            CpuClock cpu = CpuClock.start();
            run(client, bodies.subList(warmup, bodies.size()), clients);
            System.out.println(cpu.report(backend, (long) requests * batch, "predictions"));
        }
    }

    /** Request {@code r}: {@code size} predictions, one second apart, with 5 features. */
    static byte[] body(int r, int size, SplittableRandom random) throws Exception {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < size; i++) {
            long k = (long) r * size + i;
            ObjectNode p = array.addObject();
            p.put("model", "bench");
            p.put("id", "req-" + k);
            p.put("timestamp", T0.plusSeconds(k).toString());
            p.putObject("labels").put("segment", "s" + (k % 50));
            p.put("score", Math.round(random.nextDouble() * 1e4) / 1e4);
            ObjectNode f = p.putObject("features");
            f.put("tenure", random.nextInt(120));
            f.put("income", Math.round(random.nextDouble() * 1e7) / 100.0);
            f.put("distance", Math.round(random.nextDouble() * 1e5) / 100.0);
            f.put("plan", PLANS[random.nextInt(PLANS.length)]);
            f.put("region", REGIONS[random.nextInt(REGIONS.length)]);
        }
        return JSON.writeValueAsBytes(array);
    }

    private static void run(IngestClient client, List<byte[]> bodies, int threads) throws Exception {
        IngestHttpBench.run(bodies, threads, body -> client.postRecords(false, body));
    }

    private static void read(JdbcMetricStore store, String backend, int n) {
        System.out.printf("read backend=%s predictions=%d over 30 days, 50 segments, 70%% labelled; max heap %d MiB%n",
                backend, n, Runtime.getRuntime().maxMemory() >> 20);
        long loadStart = System.nanoTime();
        load(store, n);
        System.out.printf("loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
        Instant end = T0.plus(Duration.ofDays(30));
        int rounds = 7;
        double[] seconds = new double[rounds];
        int window = 0;
        int reference = 0;
        int labelled = 0;
        CpuClock cpu = null;
        for (int r = 0; r < rounds; r++) {
            if (r == 1) cpu = CpuClock.start(); // rounds 2.. are warm
            System.gc();
            long t = System.nanoTime();
            JoinedPredictions w = store.predictions(PredictionQuery.of("bench", end.minus(Duration.ofDays(7)), end, end));
            JoinedPredictions ref = store.predictions(PredictionQuery.of("bench", end.minus(Duration.ofDays(35)),
                    end.minus(Duration.ofDays(7)), end));
            seconds[r] = (System.nanoTime() - t) / 1e9;
            window = w.predictions();
            reference = ref.predictions();
            labelled = w.labelled() + ref.labelled();
        }
        System.out.println(cpu.report(backend + " warm rounds (window + reference each)", (long) (rounds - 1) * (window + reference),
                "predictions"));
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: 7-day window (%,d predictions) + 28-day reference (%,d), %,d labelled: median %.2f s,"
                        + " best %.2f s, first %.2f s over %d rounds; heap in use after %d MiB%n", backend, window,
                reference, labelled, sorted[rounds / 2], sorted[0], seconds[0], rounds, heap);
    }

    static final String QUALITY_RULES = """
            model bench {
              every 1h
              rule accuracy_low  { when accuracy(window=7d) by (segment) < 0.6 }
              rule auc_low       { when auc(window=7d) < 0.9 }
              rule estimate_low  { when estimated_accuracy(window=7d) < 0.9 }
            }
            """;

    private static void eval(JdbcMetricStore store, String backend, int n) {
        System.out.printf("eval backend=%s predictions=%d (5 features) over 30 days, 50 segments, 70%% labelled;"
                + " max heap %d MiB%n", backend, n, Runtime.getRuntime().maxMemory() >> 20);
        long loadStart = System.nanoTime();
        load(store, n, true);
        System.out.printf("loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
        var checked = io.vigil.check.Checker.check(List.of(new io.vigil.ast.Source("bench.vigil", QUALITY_RULES)), null);
        if (checked.hasErrors()) throw new IllegalStateException(checked.diagnostics().toString());
        var group = new io.vigil.compile.RuleCompiler(io.vigil.compile.CompileOptions.defaults()).compile(checked.rules())
                .groups().get(0);
        Instant t = T0.plus(Duration.ofDays(30));
        int rounds = 6;
        double[] seconds = new double[rounds];
        CpuClock cpu = null;
        String summary = "";
        for (int r = 0; r < rounds; r++) {
            if (r == 1) cpu = CpuClock.start(); // rounds 2.. are warm
            System.gc();
            long start = System.nanoTime();
            // a new operand source each round, as each hourly tick is a new T: no read is reused across rounds
            var result = new io.vigil.runtime.Evaluator(new io.vigil.runtime.StoreOperands(store)).evaluate(group, t);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            StringBuilder s = new StringBuilder();
            for (var rule : result.rules()) {
                if (rule.failed()) throw new IllegalStateException(rule.plan().id() + ": " + rule.errors());
                s.append(rule.plan().id()).append(' ').append(rule.instances().size()).append(" breaching");
                if (!rule.instances().isEmpty()) s.append(String.format(" (first %.4f)", rule.instances().get(0).value()));
                s.append("; ");
            }
            summary = s.toString();
            System.out.printf("round %d: %.2f s%n", r + 1, seconds[r]);
        }
        System.out.println(cpu.report(backend + " warm evaluations", rounds - 1, "evaluations"));
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        double[] sorted = Arrays.copyOfRange(seconds, 1, rounds);
        Arrays.sort(sorted);
        System.out.printf("%s: one evaluation of accuracy by (segment) + auc + estimated_accuracy over %,d predictions:"
                        + " first %.2f s, warm median %.2f s, best %.2f s; heap in use after %d MiB; %s%n", backend, n,
                seconds[0], sorted[sorted.length / 2], sorted[0], heap, summary);
        // where the time goes: the two reads one evaluation makes (the 7-day window, shared by the three
        // functions, and the 28-day reference of the estimate), timed alone
        double[] reads = new double[5];
        int rows = 0;
        for (int r = 0; r < reads.length; r++) {
            System.gc();
            long start = System.nanoTime();
            JoinedPredictions w = store.predictions(PredictionQuery.of("bench", t.minus(Duration.ofDays(7)), t, t));
            JoinedPredictions ref = store.predictions(PredictionQuery.of("bench", t.minus(Duration.ofDays(35)),
                    t.minus(Duration.ofDays(7)), t));
            reads[r] = (System.nanoTime() - start) / 1e9;
            rows = w.predictions() + ref.predictions();
        }
        Arrays.sort(reads);
        System.out.printf("%s: of which the reads (window + reference, %,d predictions): median %.2f s, best %.2f s%n",
                backend, rows, reads[reads.length / 2], reads[0]);
        if (backend.equals("postgresql")) explain(store, t);
    }

    /** PostgreSQL's own account of the reference read's outcome join, to say where its time goes. */
    private static void explain(JdbcMetricStore store, Instant t) {
        String sql = "EXPLAIN (ANALYZE, BUFFERS) SELECT o.id_hash, o.ts, o.actual_class, o.actual_value"
                + " FROM outcomes o JOIN predictions p ON p.model = o.model AND p.id = o.id"
                + " WHERE o.model = 'bench' AND o.ts <= " + t.toEpochMilli() + " AND p.ts > "
                + t.minus(Duration.ofDays(35)).toEpochMilli() + " AND p.ts <= " + t.minus(Duration.ofDays(7)).toEpochMilli();
        try (var c = store.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            while (rs.next()) System.out.println("  " + rs.getString(1));
        } catch (java.sql.SQLException e) {
            System.out.println("explain failed: " + e.getMessage());
        }
    }

    /** {@code n} predictions evenly over 30 days; 70 % get an outcome 1 to 48 hours later. */
    private static void load(MetricStore store, int n) {
        load(store, n, false);
    }

    /** As {@link #load(MetricStore, int)}, with 5 features per prediction (3 numbers, 2 categories) when asked. */
    private static void load(MetricStore store, int n, boolean features) {
        SplittableRandom random = new SplittableRandom(11);
        long stepMillis = Duration.ofDays(30).toMillis() / n;
        Labels[] segments = new Labels[50];
        for (int s = 0; s < 50; s++) segments[s] = Labels.of("segment", "s" + s);
        int chunk = 10_000;
        for (int from = 0; from < n; from += chunk) {
            List<Prediction> predictions = new ArrayList<>(chunk);
            List<Outcome> outcomes = new ArrayList<>(chunk);
            for (int k = from; k < Math.min(n, from + chunk); k++) {
                Instant at = T0.plusMillis(stepMillis * k + 1);
                double score = random.nextDouble();
                Map<String, Prediction.FeatureValue> f = Map.of();
                if (features) {
                    f = Map.of("tenure", Prediction.FeatureValue.of(random.nextInt(120)),
                            "income", Prediction.FeatureValue.of(Math.round(random.nextDouble() * 1e7) / 100.0),
                            "distance", Prediction.FeatureValue.of(Math.round(random.nextDouble() * 1e5) / 100.0),
                            "plan", Prediction.FeatureValue.of(PLANS[random.nextInt(PLANS.length)]),
                            "region", Prediction.FeatureValue.of(REGIONS[random.nextInt(REGIONS.length)]));
                }
                predictions.add(new Prediction("bench", "req-" + k, at, segments[k % 50], score, Map.of(), null,
                        Double.NaN, f, false));
                if (random.nextDouble() < 0.7) {
                    outcomes.add(Outcome.ofClass("bench", "req-" + k, at.plusSeconds(3600 + random.nextInt(47 * 3600)),
                            random.nextDouble() < score ? "1" : "0"));
                }
            }
            store.write(new Batch(List.of(), List.of(), predictions, outcomes));
        }
    }
}
