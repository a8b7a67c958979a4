package io.vigil.bench;

import io.vigil.api.ExpressionQuery;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 12's range-query figure: a 7-day query_range at 5-minute steps (2,017 evaluations) over 100
 * series on an H2 file, through ExpressionQuery as the API runs it. Usage: QueryRangeBench [rounds=5]
 */
public final class QueryRangeBench {
    private QueryRangeBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("vigil-query-bench");
        Instant end = Instant.parse("2026-01-08T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(7));
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("db")))) {
            List<MetricSample> batch = new ArrayList<>();
            for (Instant t = start; !t.isAfter(end); t = t.plus(Duration.ofMinutes(5))) {
                for (int s = 0; s < 100; s++) {
                    batch.add(MetricSample.of(new SeriesKey("m", "latency", Labels.of("series", "s" + s)), t,
                            100 + (t.getEpochSecond() / 300 + s) % 50));
                }
                if (batch.size() >= 20_000) {
                    store.write(Batch.ofSamples(batch));
                    batch.clear();
                }
            }
            store.write(Batch.ofSamples(batch));
            ExpressionQuery query = new ExpressionQuery(new RuleCompiler(CompileOptions.defaults()), null);
            for (String expr : List.of("latency > 140", "avg(latency, 15m) > 140")) {
                ExpressionQuery.Compiled q = query.compile(expr, "m");
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    List<ExpressionQuery.Result> results = query.range(q, new StoreOperands(store), start, end,
                            Duration.ofMinutes(5));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    int points = results.stream().mapToInt(x -> x.elements().size()).sum();
                    System.out.printf("%-26s round %d: %d evaluations, %d points, %d ms%n", expr, r + 1, results.size(),
                            points, ms);
                }
            }
        }
    }
}
