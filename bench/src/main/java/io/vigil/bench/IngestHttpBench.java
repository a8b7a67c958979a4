package io.vigil.bench;

import io.vigil.ingest.IngestClient;
import io.vigil.ingest.IngestRoutes;
import io.vigil.ingest.SnapshotJson;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end ingest over HTTP: a Vigil API server and store in this JVM, clients POSTing snapshots
 * of {@code batch} samples each (1,000 series: 100 metrics x 10 segments, one snapshot per minute).
 * Request bodies are built before the clock starts, so the figure is the server's: HTTP, JSON
 * parsing and validation, and the store transaction.
 *
 * <p>Usage: {@code IngestHttpBench h2|postgresql [samples=1000000] [clients=4] [batch=1000] [--store URL]}
 */
public final class IngestHttpBench {
    private IngestHttpBench() {}

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "h2";
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String url = args.length > 5 && args[4].equals("--store") ? args[5] : null;
        int warmup = Math.max(20, samples / batch / 10);
        int requests = samples / batch;
        System.out.printf("backend=%s samples=%d (+%d warm-up) batch=%d clients=%d cores=%d%n", backend, samples,
                warmup * batch, batch, clients, Runtime.getRuntime().availableProcessors());

        List<byte[]> bodies = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < warmup + requests; i++) bodies.add(body(t0.plus(Duration.ofMinutes(i)), batch));

        try (BenchDatabase db = BenchDatabase.open(backend, url);
             JdbcMetricStore store = JdbcMetricStore.open(db.settings().withPoolSize(clients + 2));
             ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store)))) {
            IngestClient client = new IngestClient(server.baseUri(), null);
            // The first request alone creates the 1,000 series: on H2, clients that create the same new
            // series at the same time can fail with a lock timeout (the bench measures steady ingest).
            run(client, bodies.subList(0, 1), 1);
            run(client, bodies.subList(1, warmup), clients);
            CpuClock cpu = CpuClock.start();
            run(client, bodies.subList(warmup, bodies.size()), clients);
            System.out.println(cpu.report(backend, (long) requests * batch, "samples"));
        }
    }

    /** One snapshot at {@code at} holding {@code n} series. */
    static byte[] body(Instant at, int n) {
        List<MetricSample> samples = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            SeriesKey key = new SeriesKey("bench", "metric_" + (s / 10), Labels.of("segment", "s" + (s % 10)));
            samples.add(MetricSample.of(key, at, Math.sin(at.getEpochSecond() / 60.0 + s)));
        }
        return SnapshotJson.snapshots(Batch.ofSamples(samples));
    }

    private static void run(IngestClient client, List<byte[]> bodies, int threads) throws Exception {
        run(bodies, threads, client::postSnapshots);
    }

    /** One request of a benchmark's client. */
    interface Post {
        void send(byte[] body) throws Exception;
    }

    /** Sends {@code bodies} from {@code threads} clients, each taking the next unsent body. */
    static void run(List<byte[]> bodies, int threads, Post post) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) post.send(bodies.get(i));
                return null;
            }));
        }
        try {
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
