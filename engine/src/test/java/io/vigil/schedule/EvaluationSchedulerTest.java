package io.vigil.schedule;

import io.vigil.Slow;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.check.Schedule;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Quartz with its JDBC job store on a real H2 file database. */
@Slow
class EvaluationSchedulerTest {
    @TempDir Path dir;

    private HikariDataSource h2() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:file:" + dir.resolve("vigil") + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    @Test
    void firesEachGroupAtEpochAlignedTimesAndKeepsJobsInTheDatabase() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Instant> times = new CopyOnWriteArrayList<>();
        try (HikariDataSource ds = h2()) {
            EvaluationScheduler s = new EvaluationScheduler(ds, "h2", NodeName.current(), 2, (group, t) -> {
                calls.add(group);
                times.add(t);
            });
            s.sync(Map.of("churn|every 1s", new Schedule.Every(Duration.ofSeconds(1))));
            s.start();
            waitFor(() -> times.size() >= 2, Duration.ofSeconds(10));
            s.stop(true);
            assertThat(calls).allMatch("churn|every 1s"::equals);
            assertThat(times).allMatch(t -> t.toEpochMilli() % 1000 == 0);
            assertThat(times.get(1)).isAfter(times.get(0));

            try (var conn = ds.getConnection(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from QRTZ_TRIGGERS")) {
                rs.next();
                assertThat(rs.getInt(1)).as("trigger stored durably").isEqualTo(1);
            }

            // A second scheduler on the same database (a restart) finds the job and keeps firing it.
            int before = times.size();
            EvaluationScheduler again = new EvaluationScheduler(ds, "h2", NodeName.current(), 1, (group, t) -> times.add(t));
            again.sync(Map.of("churn|every 1s", new Schedule.Every(Duration.ofSeconds(1))));
            again.start();
            waitFor(() -> times.size() > before, Duration.ofSeconds(10));
            // Removing the group from the rule set removes its job.
            again.sync(Map.of());
            try (var conn = ds.getConnection(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from QRTZ_TRIGGERS")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            again.close();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within " + max);
            Thread.sleep(50);
        }
    }
}
