package dev.vigil.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** A task the daemon runs every so often beside the rules ({@link Daemon#every}), one run at a time. */
@DisallowConcurrentExecution
public final class TaskJob implements Job {
  static final String TASK = "task";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      Runnable task = (Runnable) context.getScheduler().getContext().get(context.getMergedJobDataMap().getString(TASK));
      task.run();
    } catch (SchedulerException | RuntimeException e) {
      throw new JobExecutionException(e);
    }
  }
}
