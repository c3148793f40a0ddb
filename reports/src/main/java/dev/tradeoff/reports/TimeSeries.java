package dev.tradeoff.reports;

import java.util.Arrays;
import java.util.Objects;

/**
 * Values over simulated time, one per sampling interval, for a chart.
 *
 * @param group the chart it belongs to: {@code latency} (ms, p50/p99 lines per kind), {@code
 *     throughput} (operations per second: ok and errors per kind), {@code lag} (per replica), or
 *     another name, which gets a chart of its own
 * @param name the line's label, e.g. {@code read p99} or {@code follower-2}
 * @param unit the values' unit as shown on the axis, e.g. {@code ms}, {@code ops/s}, {@code
 *     versions}
 * @param timesNanos the end of each interval, ascending
 * @param values one value per time; {@link Double#NaN} where there was no data
 */
public record TimeSeries(
    String group, String name, String unit, long[] timesNanos, double[] values) {
  /** Copies the arrays and checks they have the same length. */
  public TimeSeries {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    timesNanos = timesNanos.clone();
    values = values.clone();
    if (timesNanos.length != values.length) {
      throw new IllegalArgumentException(
          name + ": " + timesNanos.length + " times, " + values.length + " values");
    }
  }

  @Override
  public long[] timesNanos() {
    return timesNanos.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSeries t
        && t.group.equals(group)
        && t.name.equals(name)
        && t.unit.equals(unit)
        && Arrays.equals(t.timesNanos, timesNanos)
        && Arrays.equals(t.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, name, unit, Arrays.hashCode(timesNanos), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "TimeSeries[" + group + "/" + name + ", " + values.length + " points]";
  }
}
