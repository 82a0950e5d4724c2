package dev.vigil.query;

import dev.vigil.spl.Aggregation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.TreeSet;

/**
 * The running state of one aggregation for one group (SEMANTICS §4.2). Each event contributes its value of
 * the aggregated field (null when absent, or when the field is {@code _time}) and its time. The result does
 * not depend on the order the events come in, so that it is the same however a backend reads its index
 * (segments, merges, parallel slices); only a sum of fractions may round differently in its last digit.
 */
abstract class Accumulator {
  abstract void add(String value, long timeMillis);

  /** {@code times} events of the same value and time. */
  void addTimes(String value, long timeMillis, long times) {
    for (long i = 0; i < times; i++) {
      add(value, timeMillis);
    }
  }

  abstract void writeTo(Row row, String outputName);

  /** Adds what {@code other}, an accumulator of the same aggregation over other events, has seen. */
  abstract void merge(Accumulator other);

  static Accumulator of(Aggregation aggregation, boolean overTime) {
    return switch (aggregation.function()) {
      case COUNT -> new Count(aggregation.field().isPresent() && !overTime);
      case MIN -> overTime ? new TimeExtreme(true) : new Extreme(true);
      case MAX -> overTime ? new TimeExtreme(false) : new Extreme(false);
      case VALUES -> overTime ? new TimeValues() : new DistinctValues();
      case DC -> new DistinctCount(overTime);
      case SUM -> new Sum(false);
      case AVG -> new Sum(true);
      case EARLIEST -> new AtTime(true, overTime);
      case LATEST -> new AtTime(false, overTime);
    };
  }

  /** Seconds as tstats shows {@code _time}: whole epoch seconds, sub-seconds dropped (SEMANTICS §4.2). */
  static String epochSeconds(long millis) {
    return Long.toString(Math.floorDiv(millis, 1000L));
  }

  /** count, or count(f): events, or events that have f. */
  private static final class Count extends Accumulator {
    private final boolean onlyPresent;
    private long count;

    Count(boolean onlyPresent) {
      this.onlyPresent = onlyPresent;
    }

    @Override
    void add(String value, long timeMillis) {
      if (!onlyPresent || value != null) {
        count++;
      }
    }

    @Override
    void addTimes(String value, long timeMillis, long times) {
      if (!onlyPresent || value != null) {
        count += times;
      }
    }

    @Override
    void merge(Accumulator other) {
      count += ((Count) other).count;
    }

    @Override
    void writeTo(Row row, String outputName) {
      row.put(outputName, Long.toString(count));
    }
  }

  private static final class TimeExtreme extends Accumulator {
    private final boolean min;
    private long best;
    private boolean seen;

    TimeExtreme(boolean min) {
      this.min = min;
    }

    @Override
    void add(String value, long timeMillis) {
      if (!seen || (min ? timeMillis < best : timeMillis > best)) {
        best = timeMillis;
        seen = true;
      }
    }

    @Override
    void merge(Accumulator other) {
      TimeExtreme o = (TimeExtreme) other;
      if (o.seen) {
        add(null, o.best);
      }
    }

    @Override
    void writeTo(Row row, String outputName) {
      if (seen) {
        row.put(outputName, epochSeconds(best));
      }
    }
  }

  /** min/max of a text field: numeric when every value is a number, else lexicographic, as Splunk does. */
  private static final class Extreme extends Accumulator {
    private final boolean min;
    private String bestText;
    private double bestNumber;
    private String bestNumberText;
    private boolean allNumeric = true;

    Extreme(boolean min) {
      this.min = min;
    }

    @Override
    void add(String value, long timeMillis) {
      if (value == null) {
        return;
      }
      if (bestText == null || (min ? value.compareTo(bestText) < 0 : value.compareTo(bestText) > 0)) {
        bestText = value;
      }
      Double number = allNumeric ? Values.parseNumber(value) : null;
      if (number == null) {
        allNumeric = false;
      } else if (bestNumberText == null || (min ? number < bestNumber : number > bestNumber)) {
        bestNumber = number;
        bestNumberText = value;
      }
    }

    @Override
    void merge(Accumulator other) {
      Extreme o = (Extreme) other;
      if (o.bestText == null) {
        return;
      }
      if (bestText == null || (min ? o.bestText.compareTo(bestText) < 0 : o.bestText.compareTo(bestText) > 0)) {
        bestText = o.bestText;
      }
      allNumeric &= o.allNumeric;
      if (allNumeric && o.bestNumberText != null
          && (bestNumberText == null || (min ? o.bestNumber < bestNumber : o.bestNumber > bestNumber))) {
        bestNumber = o.bestNumber;
        bestNumberText = o.bestNumberText;
      }
    }

    @Override
    void writeTo(Row row, String outputName) {
      if (bestText != null) {
        row.put(outputName, allNumeric ? Values.format(bestNumber) : bestText);
      }
    }
  }

  private static final class DistinctValues extends Accumulator {
    private final TreeSet<String> values = new TreeSet<>();

    @Override
    void add(String value, long timeMillis) {
      if (value != null) {
        values.add(value);
      }
    }

    @Override
    void merge(Accumulator other) {
      values.addAll(((DistinctValues) other).values);
    }

    @Override
    void writeTo(Row row, String outputName) {
      row.putValues(outputName, new ArrayList<>(values));
    }
  }

  private static final class TimeValues extends Accumulator {
    private final TreeSet<Long> seconds = new TreeSet<>();

    @Override
    void add(String value, long timeMillis) {
      seconds.add(Math.floorDiv(timeMillis, 1000L));
    }

    @Override
    void merge(Accumulator other) {
      seconds.addAll(((TimeValues) other).seconds);
    }

    @Override
    void writeTo(Row row, String outputName) {
      row.putValues(outputName, seconds.stream().map(String::valueOf).sorted().toList());
    }
  }

  private static final class DistinctCount extends Accumulator {
    private final boolean overTime;
    private final HashSet<Object> distinct = new HashSet<>();

    DistinctCount(boolean overTime) {
      this.overTime = overTime;
    }

    @Override
    void add(String value, long timeMillis) {
      if (overTime) {
        distinct.add(Math.floorDiv(timeMillis, 1000L));
      } else if (value != null) {
        distinct.add(value);
      }
    }

    @Override
    void merge(Accumulator other) {
      distinct.addAll(((DistinctCount) other).distinct);
    }

    @Override
    void writeTo(Row row, String outputName) {
      row.put(outputName, Integer.toString(distinct.size()));
    }
  }

  private static final class Sum extends Accumulator {
    private final boolean average;
    private double sum;
    private long count;

    Sum(boolean average) {
      this.average = average;
    }

    @Override
    void add(String value, long timeMillis) {
      Double number = Values.parseNumber(value);
      if (number != null) {
        sum += number;
        count++;
      }
    }

    @Override
    void merge(Accumulator other) {
      sum += ((Sum) other).sum;
      count += ((Sum) other).count;
    }

    @Override
    void writeTo(Row row, String outputName) {
      if (count > 0) {
        row.put(outputName, Values.format(average ? sum / count : sum));
      }
    }
  }

  /** earliest(f)/latest(f): the value of the earliest or latest event that has one. */
  private static final class AtTime extends Accumulator {
    private final boolean earliest;
    private final boolean overTime;
    private boolean seen;
    private String value;
    private long time;

    AtTime(boolean earliest, boolean overTime) {
      this.earliest = earliest;
      this.overTime = overTime;
    }

    @Override
    void add(String candidate, long timeMillis) {
      if (!overTime && candidate == null) {
        return;
      }
      if (!seen || (earliest ? timeMillis < time : timeMillis > time)
          || (timeMillis == time && prefers(candidate))) {
        seen = true;
        value = candidate;
        time = timeMillis;
      }
    }

    /** Events of the same time: [Vigil] earliest takes the smallest value, latest the greatest. */
    private boolean prefers(String candidate) {
      if (overTime) {
        return false;
      }
      int order = candidate.compareTo(value);
      return earliest ? order < 0 : order > 0;
    }

    @Override
    void merge(Accumulator other) {
      AtTime o = (AtTime) other;
      if (o.seen) {
        add(o.value, o.time);
      }
    }

    @Override
    void writeTo(Row row, String outputName) {
      if (seen) {
        row.put(outputName, overTime ? epochSeconds(time) : value);
      }
    }
  }
}
