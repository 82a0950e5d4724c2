package dev.vigil.time;

import java.util.List;
import java.util.SortedSet;
import java.util.StringJoiner;

/**
 * Translates a {@link CronSchedule} to Quartz cron expressions (SEMANTICS §2.4).
 *
 * <p>Quartz is not Splunk cron: it has a seconds field, numbers weekdays 1-7 from Sunday, and refuses a
 * restriction on both day fields. So every field is written out as an explicit list, never copied from the
 * input, and a schedule restricted on both day fields becomes two expressions whose union is the Vixie OR
 * (§2.3): one trigger per expression.
 *
 * <p>Quartz alone misplaces fire times around daylight-saving changes (§2.5); use these expressions only
 * where the zone has no such changes, or let {@link CronSchedule#nextFireAfter} decide the times.
 */
public final class QuartzCron {
  private QuartzCron() {
  }

  /** One expression, or two when both day fields are restricted; each accepted by {@code CronExpression}. */
  public static List<String> toQuartz(CronSchedule schedule) {
    String minutes = list(schedule.minutes(), 0);
    String hours = list(schedule.hours(), 0);
    String months = list(schedule.months(), 0);
    String daysOfMonth = list(schedule.daysOfMonth(), 0);
    String daysOfWeek = list(schedule.daysOfWeek(), 1); // 0 = Sunday becomes Quartz's 1 = SUN
    String common = "0 " + minutes + " " + hours + " ";
    if (schedule.dayOfMonthRestricted() && schedule.dayOfWeekRestricted()) {
      return List.of(common + daysOfMonth + " " + months + " ?", common + "? " + months + " " + daysOfWeek);
    }
    if (schedule.dayOfWeekRestricted()) {
      return List.of(common + "? " + months + " " + daysOfWeek);
    }
    return List.of(common + daysOfMonth + " " + months + " ?");
  }

  private static String list(SortedSet<Integer> values, int shift) {
    StringJoiner out = new StringJoiner(",");
    values.forEach(v -> out.add(Integer.toString(v + shift)));
    return out.toString();
  }
}
