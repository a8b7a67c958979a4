package io.vigil.notify;

import io.vigil.config.Config;
import io.vigil.server.ApiServer;
import io.vigil.server.RouteGroup;
import io.vigil.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import javax.sql.DataSource;

/**
 * Notifications wired from a config: the outbox hook the engine writes through, the dispatcher that
 * delivers, and the API routes (deliveries, silences). Actions plug in their own writer, sender,
 * chores and routes ({@code io.vigil.action.Actions}) before {@link #start}.
 */
public final class Notifier implements AutoCloseable {
    private final Config config;
    private final DataSource dataSource;
    private final Clock clock;
    private final NotifyOptions options;
    private final Redaction redaction;
    private final WebhookPost http;
    private final Silencer silencer;
    private final Deliveries deliveries;
    private final List<StepWriter> writers = new ArrayList<>();
    private final Map<String, Sender> senders = new TreeMap<>();
    private final List<Consumer<Instant>> chores = new ArrayList<>();
    private final List<RouteGroup> routes = new ArrayList<>();
    private final DeliveryRoutes deliveryRoutes;
    private volatile Dispatcher dispatcher;

    public Notifier(Config config, DataSource dataSource, Clock clock, NotifyOptions options) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        this.options = options;
        this.redaction = Redaction.of(config);
        this.http = new WebhookPost(WebhookPost.client(), clock);
        this.silencer = new Silencer(List.copyOf(config.silences().values()));
        this.deliveries = new Deliveries(dataSource);
        Mailer mailer = config.smtp() == null ? new MailSink(options.mailFile(), options.console(), clock)
                : new SmtpMailer(config.smtp(), ChannelSender.EMAIL_TIMEOUT, options.smtpProperties());
        writers.add(new NotificationWriter(config.channels()));
        senders.put("notify", new ChannelSender(config.channels(), mailer, http, options.links()));
        deliveryRoutes = new DeliveryRoutes(deliveries, clock, this::wake);
        routes.add(ApiServer.unavailableOn(StoreException.class, "the store"));
        routes.add(deliveryRoutes);
        routes.add(new SilenceRoutes(new Silences(dataSource), clock));
    }

    public void addWriter(StepWriter w) { writers.add(w); }

    public void addSender(String kind, Sender s) { senders.put(kind, s); }

    public void addChore(Consumer<Instant> chore) { chores.add(chore); }

    public void addRoutes(RouteGroup g) { routes.add(g); }

    /** What the engine calls for every stored step ({@code Engine.onTransition}). */
    public OutboxHook hook() {
        return new OutboxHook(writers, silencer, clock);
    }

    /** Starts delivering; {@code counters} gets the delivery metrics. */
    public synchronized void start(ObjLongConsumer<String> counters) {
        if (dispatcher != null) return;
        DispatchSettings d = options.dispatch()
                .withRetry(options.dispatch().retry().withLimits(config.delivery().maxAttempts(), config.delivery().maxAge()))
                .withApprovalExpiry(config.approvals().expireAfter());
        dispatcher = new Dispatcher(dataSource, senders, chores, d, clock, redaction, counters);
        dispatcher.start();
    }

    /** Makes the dispatcher look for work now. */
    public void wake() {
        Dispatcher d = dispatcher;
        if (d != null) d.wake();
    }

    public List<RouteGroup> routes() { return List.copyOf(routes); }

    /** The notifications of one alert, for its history in the API. */
    public List<Map<String, Object>> notificationsOf(long alertId) { return deliveryRoutes.forAlert(alertId); }

    public Deliveries deliveries() { return deliveries; }

    public DataSource dataSource() { return dataSource; }

    public Clock clock() { return clock; }

    public WebhookPost http() { return http; }

    public Links links() { return options.links(); }

    /** Finishes attempts in flight (up to {@code grace}) and stops. */
    public synchronized void stop(Duration grace) {
        if (dispatcher != null) dispatcher.stop(grace);
        dispatcher = null;
    }

    @Override
    public void close() { stop(Duration.ofSeconds(30)); }
}
