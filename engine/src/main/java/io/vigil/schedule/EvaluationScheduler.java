package io.vigil.schedule;

import io.vigil.check.Schedule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.*;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with its JDBC job store on Vigil's own database: one job per (model, schedule) group, so
 * schedules survive restarts and, on PostgreSQL, several nodes share the work as a Quartz cluster.
 * Missed fires are not replayed by Quartz; the engine catches up itself ({@code config.CatchUp}, applied
 * by {@code runtime.Engine.catchUp} at start and {@code Engine.fire} on a late fire) so every evaluation
 * keeps its own T.
 */
public final class EvaluationScheduler implements AutoCloseable {
    private static final String JOB_GROUP = "vigil";

    private final Scheduler scheduler;

    /**
     * @param vendor  h2 or postgresql (selects the Quartz delegate; clustering only on PostgreSQL)
     * @param node    this process's name, its Quartz instance id
     * @param threads evaluation threads
     */
    public EvaluationScheduler(DataSource dataSource, String vendor, NodeName node, int threads, GroupRunner runner)
            throws SchedulerException {
        QuartzTables.migrate(dataSource, vendor);
        String dsName = "vigil-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new ConnectionProvider() {
            @Override public Connection getConnection() throws SQLException { return dataSource.getConnection(); }
            @Override public void shutdown() {}
            @Override public void initialize() {}
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "vigil");
        p.setProperty("org.quartz.scheduler.instanceId", node.id());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", vendor.equals("postgresql")
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(vendor.equals("postgresql")));
        // A fire up to 60 s late is still fired, with its own scheduled time, rather than skipped to the
        // next tick as misfired: the node that takes over a dead node's trigger (10-15 s after the death)
        // then fires at once, and Engine.fire catches up every tick due by then. Later fires are misfires.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        // Quartz declares a node dead 7.5 s (fixed) after its check-in is one interval overdue, and looks
        // once per interval: with 2.5 s a dead node's triggers move 7.5-12.5 s after its death (5 s gave
        // up to 17.5 s; Quartz's default 7.5 s up to 22.5 s).
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "2500");
        StdSchedulerFactory factory = new StdSchedulerFactory();
        factory.initialize(p);
        scheduler = factory.getScheduler();
        scheduler.getContext().put(EvaluationJob.RUNNER, runner);
    }

    /**
     * Makes the scheduled jobs exactly {@code groups} (group key → schedule): new groups are added,
     * removed ones deleted, changed schedules replaced; unchanged ones keep their triggers.
     */
    public void sync(Map<String, Schedule> groups) throws SchedulerException {
        Set<String> existing = new HashSet<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(JOB_GROUP))) {
            existing.add(key.getName());
            if (!groups.containsKey(key.getName())) scheduler.deleteJob(key);
        }
        for (var e : groups.entrySet()) {
            TriggerKey tk = TriggerKey.triggerKey(e.getKey(), JOB_GROUP);
            Trigger current = scheduler.getTrigger(tk);
            String wanted = e.getValue().key();
            if (current != null && wanted.equals(current.getJobDataMap().getString("schedule"))) continue;
            JobDetail job = JobBuilder.newJob(EvaluationJob.class)
                    .withIdentity(e.getKey(), JOB_GROUP)
                    .usingJobData(EvaluationJob.GROUP_KEY, e.getKey())
                    .storeDurably()
                    .build();
            Trigger trigger = trigger(tk, e.getValue());
            if (existing.contains(e.getKey())) scheduler.deleteJob(job.getKey());
            scheduler.scheduleJob(job, trigger);
        }
    }

    private static Trigger trigger(TriggerKey key, Schedule schedule) {
        TriggerBuilder<Trigger> b = TriggerBuilder.newTrigger().withIdentity(key).usingJobData("schedule", schedule.key());
        if (schedule instanceof Schedule.Every every) {
            Instant first = new EvaluationTimes(schedule).nextAfter(Instant.now());
            return b.startAt(Date.from(first))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(every.interval().toMillis())
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
        }
        Schedule.Cron cron = (Schedule.Cron) schedule;
        return b.withSchedule(CronScheduleBuilder.cronSchedule(cron.expression())
                        .inTimeZone(java.util.TimeZone.getTimeZone(cron.zone().normalized()))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
    }

    public void start() throws SchedulerException { scheduler.start(); }

    /** Stops firing; with {@code waitForJobs} in-flight evaluations finish first (graceful shutdown). */
    public void stop(boolean waitForJobs) throws SchedulerException { scheduler.shutdown(waitForJobs); }

    @Override
    public void close() throws SchedulerException {
        if (!scheduler.isShutdown()) scheduler.shutdown(true);
    }
}
