package io.vigil.cli;

import io.vigil.demo.DateRange;
import io.vigil.demo.DemoDataset;
import io.vigil.demo.WeatherDay;
import io.vigil.demo.WeatherReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil demo-data}: the quickstart's snapshots and training baseline, from the Seattle weather CSV. */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = {"Write the quickstart's snapshots and training baseline (Seattle weather).",
                "Trains the rain model on 2012, replays the following days and writes, deterministically:",
                "  DIR/" + DemoDataset.SNAPSHOTS_FILE + "  one snapshot per replayed day, for vigil ingest",
                "                            or POST /api/v1/snapshots",
                "  DIR/" + DemoDataset.PREDICTIONS_FILE + "  each day's forecast, for vigil ingest --predictions",
                "  DIR/" + DemoDataset.OUTCOMES_FILE + "  each forecast day's weather, for vigil ingest --outcomes",
                "  DIR/" + DemoDataset.BASELINE_FILE + "     the 2012 inputs, for vigil baseline rain training",
                "See examples/quickstart/README.md."})
public final class DemoDataCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created if needed).")
    Path out;

    @Option(names = "--weather", paramLabel = "CSV", defaultValue = "examples/quickstart/data/seattle-weather.csv",
            description = "Daily weather CSV (date,precipitation,temp_max,temp_min,wind). Default: ${DEFAULT-VALUE}")
    Path weather;

    @Option(names = "--replay", paramLabel = "FIRST..LAST", defaultValue = DemoDataset.REPLAY,
            description = "Days to turn into snapshots (after 2012, the training year). Default: ${DEFAULT-VALUE}")
    String replay;

    @Option(names = "--outage", paramLabel = "FIRST..LAST|none", defaultValue = DemoDataset.DEFAULT_OUTAGE,
            description = "Days left out of the snapshots to simulate a broken feed, or 'none'. Default: ${DEFAULT-VALUE}")
    String outage;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (!Files.isRegularFile(weather)) {
            err.println("vigil demo-data: " + weather + ": no such file (run from the repository root or pass --weather)");
            return ExitCodes.USAGE;
        }
        try {
            DateRange days = DateRange.parse(replay);
            DateRange gap = outage.equalsIgnoreCase("none") ? null : DateRange.parse(outage);
            DemoDataset data = DemoDataset.of(WeatherDay.read(weather), days, gap);
            data.writeTo(out);
            var o = spec.commandLine().getOut();
            o.printf("model %s: logistic regression fitted on %s (%d days)%n", WeatherReplay.MODEL, DemoDataset.TRAINING,
                    data.training().size());
            o.printf("wrote %s (%d snapshots, %s%s)%n", out.resolve(DemoDataset.SNAPSHOTS_FILE), data.snapshots().size(),
                    days, gap == null ? "" : ", feed outage " + gap);
            o.printf("wrote %s (%d predictions)%n", out.resolve(DemoDataset.PREDICTIONS_FILE), data.predictions().size());
            o.printf("wrote %s (%d outcomes)%n", out.resolve(DemoDataset.OUTCOMES_FILE), data.outcomes().size());
            o.printf("wrote %s (%d rows)%n", out.resolve(DemoDataset.BASELINE_FILE), data.training().size());
            o.flush();
            return ExitCodes.OK;
        } catch (IOException | IllegalArgumentException e) {
            err.println("vigil demo-data: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
