package dev.vigil.time;

/** A {@code cron_schedule} that is not valid Splunk cron (SEMANTICS §2.1). */
public final class CronException extends TimeSyntaxException {
  CronException(String reason, String text, int column) {
    super(reason, text, column);
  }
}
