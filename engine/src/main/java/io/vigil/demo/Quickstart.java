package io.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.action.Actions;
import io.vigil.check.CheckResult;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.config.Config;
import io.vigil.notify.Links;
import io.vigil.notify.Notifier;
import io.vigil.notify.NotifyOptions;
import io.vigil.runtime.Engine;
import io.vigil.server.ApiServer;
import io.vigil.api.EngineApi;
import io.vigil.server.RouteGroup;
import io.vigil.server.Sessions;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import io.vigil.template.NumberText;
import io.vigil.testing.Backtest;
import io.vigil.testing.BacktestReport;
import io.vigil.testing.BacktestResult;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The quickstart: the rain model's 2013–2015 snapshots replayed day by day through the real HTTP API
 * into an engine on embedded H2, each day evaluated at the next midnight through the live evaluation
 * path, with every alert transition printed as it happens.
 */
public final class Quickstart {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What happened, for the closing summary and for tests. */
    public record Outcome(int days, int firing, int resolved, int pending, URI api, Map<String, Integer> firedByRule) {}

    private final PrintWriter out;

    public Quickstart(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param config    the quickstart config (rules, channels, actions); its store is replaced by {@code store}
     * @param configDir where the config lives: command actions run there
     * @param mailFile  where email goes without SMTP (also echoed to the console)
     * @param report    where to write the backtest's HTML report of the replayed range, or null
     * @param data   the replay and its 2012 baseline
     */
    public Outcome run(Config config, Path configDir, StoreSettings store, DemoDataset data, int webhookPort,
                       Path mailFile, Path report) throws Exception {
        return run(config, configDir, store, data, webhookPort, mailFile, report, 0, null);
    }

    /**
     * @param port  the API's port (0: any free one)
     * @param serve when not null, the engine and its console stay up after the replay until this is counted down
     */
    @SuppressWarnings("try") // the webhook receiver only has to live as long as the replay
    public Outcome run(Config config, Path configDir, StoreSettings store, DemoDataset data, int webhookPort,
                       Path mailFile, Path report, int port, java.util.concurrent.CountDownLatch serve) throws Exception {
        try (JdbcMetricStore s = JdbcMetricStore.open(store);
             WebhookPrinter hook = new WebhookPrinter(webhookPort, out)) {
            Engine engine = new Engine(s.database(), s, new RuleCompiler(CompileOptions.defaults()), CatchUp.NONE,
                    Clock.systemUTC());
            CheckResult check = engine.load(config.rules(), config.references());
            if (check.hasErrors()) throw new IllegalStateException("the quickstart rules have errors");
            AtomicReference<String> base = new AtomicReference<>();
            Links links = Links.lazy(() -> base.get() == null ? "http://127.0.0.1" : base.get());
            Notifier notifier = new Notifier(config, s.database().dataSource(), Clock.systemUTC(),
                    NotifyOptions.defaults(links).withMailFile(mailFile, out));
            Actions.install(notifier, config, configDir);
            engine.onTransition(notifier.hook());
            Sessions sessions = new Sessions(Clock.systemUTC());
            List<RouteGroup> routes = EngineApi.routes(engine, s, notifier, config, Clock.systemUTC(), sessions,
                    ServerSettings.defaults().tokens());
            try (ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(port), routes, sessions)) {
                base.set(api.baseUri().toString()); // the port of a closed server reads -2
                try {
                    notifier.start(engine.metrics()::add);
                    HttpClient http = HttpClient.newHttpClient();
                    post(http, api.baseUri().resolve("/api/v1/baselines/rain/training"), baselineBody(data));
                    out.printf("engine up on %s (H2 at %s); baseline 'training' = 2012, %d days%n", api.baseUri(),
                            store.url(), data.training().size());
                    out.printf("replaying %d days: each evening a snapshot, tonight's forecast (a prediction) and the"
                            + " day's weather (the outcome of yesterday's forecast); every rule evaluated each midnight:%n%n",
                            data.snapshots().size());
                    out.flush();
                    int[] counts = new int[3];
                    java.util.Set<Long> printed = new java.util.HashSet<>();
                    Map<String, Integer> fired = new java.util.TreeMap<>();
                    LocalDate lastDay = null;
                    LocalDate firstDay = null;
                    Map<LocalDate, List<ObjectNode>> predictions = byDay(data.predictions());
                    Map<LocalDate, List<ObjectNode>> outcomes = byDay(data.outcomes());
                    for (ObjectNode snapshot : data.snapshots()) {
                        post(http, api.baseUri().resolve("/api/v1/snapshots"), JSON.writeValueAsString(snapshot));
                        Instant at = Instant.parse(snapshot.get("timestamp").asText());
                        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
                        // The evening's weather labels yesterday's forecast; tonight's forecast waits for tomorrow's.
                        List<ObjectNode> labels = outcomes.getOrDefault(day, List.of());
                        if (!labels.isEmpty()) {
                            post(http, api.baseUri().resolve("/api/v1/outcomes"), JSON.writeValueAsString(labels));
                        }
                        List<ObjectNode> forecasts = predictions.getOrDefault(day, List.of());
                        if (!forecasts.isEmpty()) {
                            post(http, api.baseUri().resolve("/api/v1/predictions"), JSON.writeValueAsString(forecasts));
                        }
                        lastDay = day;
                        if (firstDay == null) firstDay = day;
                        Instant midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                        report(engine, midnight, counts, fired, printed);
                    }
                    out.printf("%nreplayed %d days up to %s: %d fired, %d resolved, %d went pending%n",
                            data.snapshots().size(), lastDay, counts[0], counts[1], counts[2]);
                    out.flush();
                    if (report != null && firstDay != null) {
                        // The same history once more as a backtest: fresh state, nothing sent, a chart per rule.
                        Instant from = firstDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                        Instant to = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                        BacktestResult bt = new Backtest(new RuleCompiler(CompileOptions.defaults()), s, config)
                                .run(engine.loaded().compiled(), from, to, true, (done, total) -> {});
                        java.nio.file.Files.createDirectories(report.toAbsolutePath().getParent());
                        java.nio.file.Files.writeString(report, BacktestReport.render(bt));
                        out.printf("backtest report with a chart per rule: %s%n", report);
                        out.flush();
                    }
                    if (serve != null) {
                        out.printf("%nconsole and API at %s/ (the replayed alerts, rules, silences, the expression browser);"
                                + " Ctrl-C to stop%n", api.baseUri());
                        out.flush();
                        serve.await();
                    }
                    return new Outcome(data.snapshots().size(), counts[0], counts[1], counts[2], api.baseUri(), fired);
                } finally {
                    // Let the last notifications go out while the API their links lead to still runs.
                    notifier.stop(java.time.Duration.ofSeconds(10));
                }
            } finally {
                engine.close();
            }
        }
    }

    /**
     * Runs every evaluation due up to {@code t} (days without a snapshot too, so a broken feed shows) and
     * prints the transitions not printed before.
     */
    private void report(Engine engine, Instant t, int[] counts, Map<String, Integer> fired, java.util.Set<Long> printed) {
        engine.runDue(t);
        List<String> lines = new java.util.ArrayList<>();
        for (var row : engine.repository().alerts(null)) {
            for (var tr : engine.repository().history(row.id())) {
                if (!printed.add(tr.id())) continue;
                String kind = tr.kind().toUpperCase(java.util.Locale.ROOT);
                if (kind.equals("FIRING")) {
                    counts[0]++;
                    fired.merge(row.model() + "/" + row.rule(), 1, Integer::sum);
                } else if (kind.equals("RESOLVED")) {
                    counts[1]++;
                } else {
                    if (kind.equals("PENDING")) counts[2]++;
                    continue; // pending is noise in a three-year replay; firing and resolving are the story
                }
                lines.add(String.format("%s  %-8s %s%s  value %s", tr.at().toString().substring(0, 10), kind,
                        row.model() + "/" + row.rule(), row.labels().isEmpty() ? "" : row.labels(),
                        Double.isNaN(tr.value()) ? "-" : NumberText.format(round(tr.value()))));
            }
        }
        lines.sort(null);
        lines.forEach(out::println);
        out.flush();
    }

    /** Records by the UTC day of their timestamp, in order. */
    private static Map<LocalDate, List<ObjectNode>> byDay(List<ObjectNode> records) {
        Map<LocalDate, List<ObjectNode>> out = new java.util.TreeMap<>();
        for (ObjectNode r : records) {
            LocalDate day = Instant.parse(r.get("timestamp").asText()).atZone(ZoneOffset.UTC).toLocalDate();
            out.computeIfAbsent(day, d -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String baselineBody(DemoDataset data) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        var dists = body.putArray("distributions");
        for (String f : DemoDataset.BASELINE_COLUMNS) {
            ObjectNode d = dists.addObject().put("feature", f);
            var values = d.putArray("values");
            for (WeatherDay w : data.training()) {
                values.add(switch (f) {
                    case "temp_max" -> w.tempMax();
                    case "temp_min" -> w.tempMin();
                    case "wind" -> w.wind();
                    default -> w.precipitation();
                });
            }
        }
        return JSON.writeValueAsString(body);
    }

    private static void post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) throw new IllegalStateException(uri + " answered " + res.statusCode() + ": " + res.body());
    }
}
