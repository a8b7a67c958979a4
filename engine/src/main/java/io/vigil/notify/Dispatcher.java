package io.vigil.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: one thread seals due rows into deliveries and claims due deliveries, worker
 * pools (one per kind) make the attempts, and each outcome is recorded — delivered, retried later
 * with backoff, or dead-lettered with a log line and a metric. Everything it knows is in the store,
 * so a dispatcher started after a crash carries on where the last one stopped.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Deliveries deliveries;
    private final Sealer sealer;
    private final Map<String, Sender> senders;
    private final List<Consumer<Instant>> chores;
    private final DispatchSettings settings;
    private final Clock clock;
    private final Redaction redaction;
    private final ObjLongConsumer<String> counters;
    private final Map<String, ExecutorService> pools = new TreeMap<>();
    private final Map<String, AtomicInteger> inFlight = new TreeMap<>();
    private final java.util.Set<Long> attempting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private volatile boolean running;
    private Thread loop;

    /**
     * @param senders  by delivery kind ({@code notify}, {@code action})
     * @param chores   run at the start of every pass with the current time (e.g. expiring approvals)
     * @param counters receives metric increments ({@code vigil_deliveries_dead_total} and others)
     */
    public Dispatcher(DataSource dataSource, Map<String, Sender> senders, List<Consumer<Instant>> chores,
                      DispatchSettings settings, Clock clock, Redaction redaction, ObjLongConsumer<String> counters) {
        this.deliveries = new Deliveries(dataSource);
        this.senders = new TreeMap<>(senders);
        this.sealer = new Sealer(dataSource, this.senders, settings.approvalExpiry());
        this.chores = List.copyOf(chores);
        this.settings = settings;
        this.clock = clock;
        this.redaction = redaction;
        this.counters = counters;
        for (String kind : this.senders.keySet()) {
            int n = kind.equals("action") ? settings.actionWorkers() : settings.notifyWorkers();
            pools.put(kind, Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "vigil-deliver-" + kind);
                t.setDaemon(true);
                return t;
            }));
            inFlight.put(kind, new AtomicInteger());
        }
    }

    /** Starts the dispatch thread. */
    public synchronized void start() {
        if (loop != null) return;
        running = true;
        loop = new Thread(this::run, "vigil-dispatch");
        loop.setDaemon(true);
        loop.start();
    }

    /** Makes the dispatch thread look for work now (e.g. after an approval). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                pass();
            } catch (RuntimeException e) {
                LOG.error("dispatch pass failed; trying again in {} ms: {}", settings.poll().toMillis(),
                        redaction.apply(e.getMessage()));
            }
            synchronized (signal) {
                try {
                    if (running) signal.wait(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One pass: chores, sealing, and starting an attempt for each due delivery a worker is free for. */
    int pass() {
        Instant now = clock.instant();
        for (Consumer<Instant> chore : chores) chore.accept(now);
        sealer.sealDue(now);
        int started = 0;
        for (Map.Entry<String, Sender> e : senders.entrySet()) {
            String kind = e.getKey();
            Sender sender = e.getValue();
            int workers = kind.equals("action") ? settings.actionWorkers() : settings.notifyWorkers();
            AtomicInteger busy = inFlight.get(kind);
            List<Delivery> claimed = deliveries.claim(kind, workers - busy.get(), now,
                    target -> sender.timeout(target).plus(settings.leaseGrace()).toMillis(), attempting, this::buried);
            for (Delivery d : claimed) {
                busy.incrementAndGet();
                attempting.add(d.id());
                pools.get(kind).execute(() -> {
                    try {
                        attempt(sender, d);
                    } finally {
                        attempting.remove(d.id());
                        busy.decrementAndGet();
                        wake();
                    }
                });
                started++;
            }
        }
        return started;
    }

    private void attempt(Sender sender, Delivery d) {
        Outcome outcome;
        try {
            outcome = sender.send(d);
        } catch (RuntimeException e) {
            LOG.error("sending {} failed unexpectedly", d.describe(), e);
            outcome = new Outcome.Retry("internal error: " + e);
        }
        try {
            record(d, outcome);
        } catch (RuntimeException e) {
            // The claim lapses and another pass retries; the receiver can drop the repeat by its key.
            LOG.error("could not record the outcome of {}: {}", d.describe(), redaction.apply(e.getMessage()));
        }
    }

    private void record(Delivery d, Outcome outcome) {
        Instant now = clock.instant();
        if (outcome instanceof Outcome.Delivered ok) {
            deliveries.delivered(d.id(), redaction.apply(ok.result()), now);
            counters.accept("vigil_deliveries_delivered_total", 1);
            LOG.info("delivered {} (attempt {})", d.describe(), d.attempts());
        } else if (outcome instanceof Outcome.Retry r) {
            String reason = redaction.apply(r.reason());
            Duration retryFor = senders.get(d.kind()).retryFor(d.target());
            Optional<Instant> next = settings.retry().next(d.attempts(), d.createdAt(), now, r.retryAfter(),
                    retryFor, ThreadLocalRandom.current());
            if (next.isEmpty()) {
                dead(d, settings.retry().givenUp(d.attempts(), retryFor) + "; last error: " + reason, null, now);
            } else {
                deliveries.retryAt(d.id(), reason, next.get());
                counters.accept("vigil_delivery_retries_total", 1);
                LOG.info("{} failed (attempt {}): {}; next attempt at {}", d.describe(), d.attempts(), reason,
                        next.get());
            }
        } else {
            Outcome.Dead dead = (Outcome.Dead) outcome;
            dead(d, redaction.apply(dead.reason()), redaction.apply(dead.result()), now);
        }
    }

    private void buried(Deliveries.Row r) {
        counters.accept("vigil_deliveries_dead_total", 1);
        LOG.warn("dead letter: notify {} ({}/{} resolved, delivery {}): {} (GET /api/v1/deliveries?state=dead)",
                r.target(), r.model(), r.rule(), r.id(), r.lastError());
    }

    private void dead(Delivery d, String reason, String result, Instant now) {
        deliveries.dead(d.id(), reason, result, now);
        counters.accept("vigil_deliveries_dead_total", 1);
        LOG.warn("dead letter: {} after {} attempt(s): {} (GET /api/v1/deliveries?state=dead)", d.describe(),
                d.attempts(), reason);
    }

    /** Stops claiming work and waits up to {@code grace} for attempts in flight to finish. */
    public void stop(Duration grace) {
        synchronized (this) {
            running = false;
        }
        wake();
        try {
            if (loop != null) loop.join(grace.toMillis());
            for (ExecutorService pool : pools.values()) pool.shutdown();
            long deadline = System.nanoTime() + grace.toNanos();
            for (ExecutorService pool : pools.values()) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    LOG.warn("deliveries still in flight after {} s; they will be retried on the next start",
                            grace.toSeconds());
                    pool.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
