package io.vigil.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** The Quartz job of one group: evaluates the group at the trigger's scheduled fire time, never "now". */
@DisallowConcurrentExecution
public final class EvaluationJob implements Job {
    static final String GROUP_KEY = "group";
    static final String RUNNER = "vigil.runner";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String group = context.getMergedJobDataMap().getString(GROUP_KEY);
        try {
            GroupRunner runner = (GroupRunner) context.getScheduler().getContext().get(RUNNER);
            runner.run(group, context.getScheduledFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        } catch (Exception e) {
            // The runner records evaluation errors on the rules; Quartz must not retry or unschedule.
            throw new JobExecutionException("evaluation of " + group + " failed: " + e.getMessage(), e, false);
        }
    }
}
