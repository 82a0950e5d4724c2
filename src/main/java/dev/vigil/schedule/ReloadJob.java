package dev.vigil.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** Every minute: picks up rules enabled or disabled in {@code config/local/} without a restart. */
@DisallowConcurrentExecution
public final class ReloadJob implements Job {
  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      ((Daemon) context.getScheduler().getContext().get(Daemon.CONTEXT_KEY)).reconcile();
    } catch (SchedulerException | RuntimeException e) {
      throw new JobExecutionException(e);
    }
  }
}
