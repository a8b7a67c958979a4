package io.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Slow;
import io.vigil.store.Database;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means stored: clients post snapshots to a real {@code vigil run} in a loop, the engine
 * is killed with SIGKILL at random moments, restarted, killed again; afterwards every snapshot that was
 * answered 200 is in the store. On H2 this failed before writes were synced on commit (the MVStore
 * wrote committed data up to a second later, and a kill lost what it had not written yet).
 */
@Slow
class KillDurabilityTest {
    static final int ROUNDS = 3;
    static final int CLIENTS = 4;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;

    @Test
    void h2LosesNothingAcknowledged() throws Exception {
        run(StoreSettings.of("jdbc:h2:file:" + dir.resolve("db/vigil")));
    }

    @Test
    void postgresqlLosesNothingAcknowledged() throws Exception {
        run(TestPostgres.newDatabase());
    }

    private void run(StoreSettings store) throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/r.vigil"), """
                model dur {
                  every 1h
                  rule low { when c0 < 0 }
                }
                """);
        Files.writeString(dir.resolve("vigil.yaml"), """
                rules: [rules/]
                store:
                  url: %s
                  user: "%s"
                  password: ""
                server:
                  port: 0
                """.formatted(store.url(), store.user()));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong seq = new AtomicLong();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int round = 0; round < ROUNDS; round++) {
            try (RunProcess vigil = RunProcess.start(dir.resolve("vigil.yaml"), dir.resolve("run.log"))) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                int before = acknowledged.size();
                for (int c = 0; c < CLIENTS; c++) {
                    String metric = "c" + c;
                    Thread client = new Thread(() -> {
                        while (!stop.get()) {
                            long n = seq.incrementAndGet();
                            String body = "{\"model\": \"dur\", \"timestamp\": \"" + T0.plusSeconds(n)
                                    + "\", \"metrics\": [{\"name\": \"" + metric + "\", \"value\": " + n + "}]}";
                            try {
                                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                                                vigil.api.resolve("/api/v1/snapshots"))
                                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                        HttpResponse.BodyHandlers.discarding());
                                if (r.statusCode() == 200) acknowledged.add(metric + "@" + T0.plusSeconds(n).toEpochMilli());
                            } catch (Exception e) {
                                return; // the engine is gone: whatever was not answered is not promised
                            }
                        }
                    });
                    client.start();
                    clients.add(client);
                }
                // The kill lands at a random moment after the first answer of the round (a cold JVM on a
                // busy machine can take over a second for its first request).
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (acknowledged.size() == before && System.nanoTime() < deadline) Thread.sleep(10);
                Thread.sleep(200 + random.nextInt(1000));
                vigil.kill();
                stop.set(true);
                for (Thread t : clients) t.join(10_000);
                assertThat(acknowledged.size()).as("round %d acknowledged snapshots", round).isGreaterThan(before);
            }
        }
        Set<String> stored = stored(store);
        System.out.printf("kill -9 durability (%s): %d kills, %d snapshots acknowledged, %d stored%n",
                store.url().substring(0, store.url().indexOf(':', 5)), ROUNDS, acknowledged.size(), stored.size());
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost).as("acknowledged but lost after %d kills (seed %d, %d acknowledged)", ROUNDS, seed,
                acknowledged.size()).isEmpty();
    }

    private static Set<String> stored(StoreSettings settings) throws Exception {
        Set<String> out = new HashSet<>();
        try (Database db = Database.open(settings); Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT r.name, s.ts FROM samples s JOIN series r "
                     + "ON r.id = s.series_id WHERE r.model = 'dur'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1) + "@" + rs.getLong(2));
        }
        return out;
    }
}
