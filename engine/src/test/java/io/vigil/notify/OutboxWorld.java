package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.config.Config;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigResult;
import io.vigil.runtime.Engine;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The engine on a real H2 file database with the notification outbox hooked in, a config loaded
 * from YAML text by the real loader, and a dispatcher tests start when they want delivery to begin.
 * Evaluations are driven by the test's own evaluation times, as in EngineTimelineTest.
 */
public final class OutboxWorld implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    public final Path dir;
    public final Config config;
    public final JdbcMetricStore store;
    public final Engine engine;
    public final Notifier notifier;

    private OutboxWorld(Path dir, Config config, JdbcMetricStore store, Engine engine, Notifier notifier) {
        this.dir = dir;
        this.config = config;
        this.store = store;
        this.engine = engine;
        this.notifier = notifier;
    }

    /** Fast retries for tests: 50 ms doubling to 400 ms; claims lapse one second after a timeout. */
    public static DispatchSettings fastDispatch() {
        return DispatchSettings.defaults().withPoll(Duration.ofMillis(20)).withLeaseGrace(Duration.ofSeconds(1))
                .withRetry(new RetryPolicy(10, Duration.ofHours(1), Duration.ofMillis(50), Duration.ofMillis(400)));
    }

    public static Config config(Path dir, String yaml, Map<String, String> env) {
        ConfigResult r = new ConfigLoader(env).parse("vigil.yaml", yaml, dir);
        assertThat(r.ok()).as(DiagnosticPrinter.render(r.diagnostics())).isTrue();
        return r.config();
    }

    public static OutboxWorld open(Path dir, String rules, String yaml, Map<String, String> env, Clock clock,
                                   UnaryOperator<NotifyOptions> options) throws Exception {
        Config config = config(dir, yaml, env);
        JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("db/vigil")));
        Engine engine = new Engine(store.database(), store, new RuleCompiler(CompileOptions.defaults()), CatchUp.LAST,
                Clock.fixed(T0, ZoneOffset.UTC));
        NotifyOptions base = NotifyOptions.defaults(Links.of("http://vigil.test:8080"))
                .withMailFile(dir.resolve("outbox-mail.log"), null).withDispatch(fastDispatch());
        Notifier notifier = new Notifier(config, store.database().dataSource(), clock, options.apply(base));
        io.vigil.action.Actions.install(notifier, config, dir);
        engine.onTransition(notifier.hook());
        Path file = dir.resolve("rules.vigil");
        Files.writeString(file, rules);
        assertThat(engine.load(List.of(file), config.references()).hasErrors()).isFalse();
        return new OutboxWorld(dir, config, store, engine, notifier);
    }

    public static OutboxWorld open(Path dir, String rules, String yaml) throws Exception {
        return open(dir, rules, yaml, Map.of(), Clock.systemUTC(), o -> o);
    }

    /** One sample of {@code metric} for the model, labelled {@code segment}. */
    public void put(String model, String metric, String segment, Instant at, double v) {
        store.write(Batch.ofSamples(List.of(MetricSample.of(
                new SeriesKey(model, metric, Labels.of("segment", segment)), at, v))));
    }

    /** Runs every evaluation due up to {@code t}, through the live path (outbox rows included). */
    public void evaluate(Instant t) {
        engine.runDue(t);
    }

    public void startDispatcher() {
        notifier.start(engine.metrics()::add);
    }

    public List<Deliveries.Row> deliveries() {
        return notifier.deliveries().list(null, 1000);
    }

    public List<Deliveries.Row> deliveries(String state) {
        return notifier.deliveries().list(state, 1000);
    }

    /** Waits until every outbox row is sealed into a delivery and no delivery is waiting for an attempt. */
    public void awaitSettled(String when) {
        eventually(Duration.ofSeconds(10), () -> {
            assertThat(queuedOutboxRows()).as("outbox rows not yet sealed %s", when).isZero();
            assertThat(deliveries("pending")).as("deliveries pending %s", when).isEmpty();
        });
    }

    private long queuedOutboxRows() {
        try (Connection c = store.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox WHERE state = 'queued'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a counter on /metrics. */
    public long counter(String name) {
        return engine.metrics().render(Map.of()).lines().filter(l -> l.startsWith(name + " "))
                .mapToLong(l -> Long.parseLong(l.substring(name.length() + 1).strip())).findFirst().orElse(0);
    }

    public static Instant min(int m) { return T0.plus(Duration.ofMinutes(m)); }

    /** Retries {@code assertion} until it passes or {@code timeout} is over (then its failure is thrown). */
    public static void eventually(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | IndexOutOfBoundsException e) {
                if (System.nanoTime() > deadline) throw e;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        notifier.stop(Duration.ofSeconds(5));
        engine.close();
        store.close();
    }
}
