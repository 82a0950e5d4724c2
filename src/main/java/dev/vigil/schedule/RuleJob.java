package dev.vigil.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of one rule. Its run's "now" is the trigger's scheduled fire time (SEMANTICS §2.6); one job
 * per rule with concurrent execution disallowed keeps runs of a rule from overlapping (SEMANTICS §2.9).
 */
@DisallowConcurrentExecution
public final class RuleJob implements Job {
  static final String RULE = "rule";
  static final String CATCH_UP = "catchUp";
  /** Set on triggers that carry their scheduled time: a late (misfired) one keeps it (SEMANTICS §2.6). */
  static final String SCHEDULED = "scheduled";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      Daemon daemon = (Daemon) context.getScheduler().getContext().get(Daemon.CONTEXT_KEY);
      String rule = context.getMergedJobDataMap().getString(RULE);
      if (context.getMergedJobDataMap().getBoolean(CATCH_UP)) {
        daemon.catchUp(rule);
      } else {
        Instant scheduled = context.getTrigger().getJobDataMap().containsKey(SCHEDULED)
            ? Instant.ofEpochMilli(context.getTrigger().getJobDataMap().getLong(SCHEDULED))
            : context.getScheduledFireTime().toInstant();
        daemon.fire(rule, scheduled);
      }
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }
}
