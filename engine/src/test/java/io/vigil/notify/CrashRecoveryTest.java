package io.vigil.notify;

import io.vigil.Slow;

import static io.vigil.notify.OutboxWorld.T0;
import static io.vigil.notify.OutboxWorld.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.Batch;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost on a crash: 100 notifications in the outbox, a dispatcher in another JVM killed with
 * SIGKILL in the middle of delivering them, then a new dispatcher on the same database.
 */
@Slow
class CrashRecoveryTest {
    static final int N = 100;
    static final String RULES = """
            model churn {
              every 5m
              notify hook
              rule acc_low {
                when accuracy < 0.85
              }
            }
            """;

    @TempDir Path dir;

    @Test
    void killedMidDeliveryThenRestartedDeliversEveryOne() throws Exception {
        // Each request takes 40 ms to acknowledge, so the kill lands while requests are in flight.
        try (WebhookReceiver receiver = new WebhookReceiver(n -> new WebhookReceiver.Response(200, Map.of(), "", 40))) {
            // A body template makes every alert its own delivery; timeout 2 s + 1 s grace = how long a claim lasts.
            String yaml = "channels:\n  hook: { type: webhook, url: \"" + receiver.url("/") + "\", group_wait: 0s, "
                    + "timeout: 2s, body: '{\"segment\": \"{{labels.segment}}\"}' }\n";
            try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml)) {
                List<MetricSample> samples = new ArrayList<>();
                for (int i = 0; i < N; i++) {
                    samples.add(MetricSample.of(new SeriesKey("churn", "accuracy",
                            Labels.of("segment", String.format("s%03d", i))), T0, 0.5));
                }
                w.store.write(Batch.ofSamples(samples));
                w.evaluate(T0);
                assertThat(NotificationPolicyTest.count(w, "outbox")).isEqualTo(N);
            }
            Path config = dir.resolve("vigil.yaml");
            Files.writeString(config, yaml);
            // -Dvigil.crashtest.h2=";WRITE_DELAY=0" compares with an H2 that writes every commit at once.
            String url = "jdbc:h2:file:" + dir.resolve("db/vigil") + System.getProperty("vigil.crashtest.h2", "");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DispatcherProcess.class.getName(), url,
                    config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                eventually(Duration.ofSeconds(60), () -> assertThat(receiver.requests()).hasSizeGreaterThan(30));
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            int beforeKill = receiver.requests().size();
            assertThat(beforeKill).as("killed mid-way").isLessThan(N);

            try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml)) {
                w.startDispatcher();
                eventually(Duration.ofSeconds(60), () -> assertThat(w.deliveries("delivered")).hasSize(N));
                Set<String> keys = w.deliveries("delivered").stream().map(Deliveries.Row::idempotencyKey)
                        .collect(Collectors.toSet());
                List<WebhookReceiver.Request> got = receiver.requests();
                Map<String, Long> byKey = got.stream().collect(Collectors.groupingBy(
                        r -> r.header("Idempotency-Key"), Collectors.counting()));
                assertThat(byKey.keySet()).as("every delivery arrived, under its own key").isEqualTo(keys);
                Set<String> segments = new HashSet<>();
                got.forEach(r -> segments.add(r.body()));
                assertThat(segments).hasSize(N);
                long duplicates = got.size() - N;
                // A repeat is only ever of a request the receiver had already received before the kill: one the
                // killed dispatcher sent but had not recorded (in flight, or its commit still in H2's write buffer).
                Set<String> seenBeforeKill = got.subList(0, beforeKill).stream().map(r -> r.header("Idempotency-Key"))
                        .collect(Collectors.toSet());
                Set<String> repeated = byKey.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                assertThat(seenBeforeKill).containsAll(repeated);
                assertThat(byKey.values()).allMatch(c -> c <= 2);
                assertThat(repeated).hasSize((int) duplicates);
                System.out.printf("crash test: %d requests before SIGKILL, %d after restart, %d distinct keys, "
                        + "%d duplicate(s)%n", beforeKill, got.size() - beforeKill, byKey.size(), duplicates);
            }
        }
    }

}
