package io.vigil.cli;

import io.vigil.compile.FixedRules;
import io.vigil.config.Config;
import io.vigil.demo.DateRange;
import io.vigil.demo.DemoDataset;
import io.vigil.demo.Quickstart;
import io.vigil.demo.WeatherDay;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil quickstart}: the real-data walkthrough of the README, start to finish in one command. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Replay three years of Seattle weather through a rain-forecast model into a fresh engine on",
                "embedded H2, over the real HTTP API, and print alerts as they fire and resolve.",
                "Needs nothing but Java: the database goes to --data (recreated on each run)."})
public final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "examples/quickstart/vigil.yaml",
            description = "Quickstart config (default ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--weather", paramLabel = "CSV", defaultValue = "examples/quickstart/data/seattle-weather.csv",
            description = "Daily weather CSV (default ${DEFAULT-VALUE}).")
    Path weather;

    @Option(names = "--replay", paramLabel = "FIRST..LAST", defaultValue = DemoDataset.REPLAY,
            description = "Days to replay (default ${DEFAULT-VALUE}); a shorter range runs faster.")
    String replay;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/quickstart",
            description = "Working directory for the database and the report (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--webhook-port", paramLabel = "PORT", defaultValue = "9099",
            description = "Port of the local webhook receiver the config's channel points at (default ${DEFAULT-VALUE}).")
    int webhookPort;

    @Option(names = "--serve", description = "Keep the engine, its API and the web console up after the replay, "
            + "until Ctrl-C.")
    boolean serve;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "With --serve, the port of the API and console on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FixedRules.preload(); // overlaps the rest of start-up
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!Files.isRegularFile(config) || !Files.isRegularFile(weather)) {
            err.println("vigil quickstart: " + (Files.isRegularFile(config) ? weather : config)
                    + ": no such file (run from the repository root)");
            return ExitCodes.USAGE;
        }
        Config cfg;
        try {
            cfg = StoreConfig.load(config);
        } catch (StoreConfig.Invalid e) {
            err.println("vigil quickstart: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DemoDataset dataset;
        try {
            dataset = DemoDataset.of(WeatherDay.read(weather), DateRange.parse(replay),
                    DateRange.parse(DemoDataset.DEFAULT_OUTAGE));
        } catch (IOException | IllegalArgumentException e) {
            err.println("vigil quickstart: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path db = data.resolve("db");
        deleteTree(db);
        Files.createDirectories(db);
        out.printf("model rain: logistic regression fitted on 2012 (%d days), replaying %s%n",
                dataset.training().size(), replay);
        StoreSettings store = StoreSettings.of("jdbc:h2:file:" + db.toAbsolutePath().resolve("vigil"));
        java.util.concurrent.CountDownLatch stop = serve ? new java.util.concurrent.CountDownLatch(1) : null;
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        if (serve) {
            // Ctrl-C: let the replay's engine close its store before the JVM goes.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    closed.await(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vigil-quickstart-stop"));
        }
        Quickstart.Outcome o;
        try {
            o = new Quickstart(out).run(cfg, config.toAbsolutePath().getParent(), store, dataset, webhookPort,
                    data.resolve("mail.log"), data.resolve("report.html"), serve ? port : 0, stop);
        } finally {
            closed.countDown();
        }
        if (serve) return ExitCodes.OK;
        out.println();
        out.println("Where to look next:");
        out.println("  " + data.resolve("report.html") + "         the backtest report: a chart per rule (open in a browser)");
        out.println("  examples/quickstart/README.md      what the model, the snapshots and each rule are");
        out.println("  examples/quickstart/rules/         the rules that fired above");
        out.println("  " + data.resolve("mail.log") + "            the emails that would have been sent");
        out.println("  ./vigil run --config examples/quickstart/vigil.yaml   the same engine as a server");
        out.println("  docs/language.md                   the rule language");
        out.flush();
        return o.firing() > 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
