package dev.vigil.time;

/** The five fields of Splunk cron (SEMANTICS §2.1), with the values {@code *} stands for. */
enum CronField {
  MINUTE("minute", 0, 59, 59),
  HOUR("hour", 0, 23, 23),
  DAY_OF_MONTH("day-of-month", 1, 31, 31),
  MONTH("month", 1, 12, 12),
  // 7 is accepted as Sunday (Vixie), but '*' means 0-6 so that the set never holds Sunday twice.
  DAY_OF_WEEK("day-of-week", 0, 6, 7);

  final String label;
  final int min;
  final int max;
  final int maxAccepted;

  CronField(String label, int min, int max, int maxAccepted) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.maxAccepted = maxAccepted;
  }

  /** Bits min..max set. */
  long all() {
    return (-1L >>> (63 - max)) & (-1L << min);
  }

  String range() {
    return this == DAY_OF_WEEK ? "0-7 (0 and 7 = Sunday)" : min + "-" + max;
  }
}
