package dev.tradeoff.core.metrics;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * A named time series cut into fixed intervals of simulated time. Each interval keeps the count,
 * sum, maximum and last of the values recorded in it; intervals with no value report {@code NaN}.
 */
public final class Series {
  private final String name;
  private final long intervalNanos;
  private final LongArrayList counts = new LongArrayList();
  private final DoubleArrayList sums = new DoubleArrayList();
  private final DoubleArrayList maxima = new DoubleArrayList();
  private final DoubleArrayList lasts = new DoubleArrayList();
  private String unit = "";

  Series(String name, long intervalNanos) {
    this.name = name;
    this.intervalNanos = intervalNanos;
  }

  /** The series' name. */
  public String name() {
    return name;
  }

  /** The values' unit as a chart's axis shows it, e.g. {@code ms}; empty if undeclared. */
  public String unit() {
    return unit;
  }

  void unit(String newUnit) {
    unit = java.util.Objects.requireNonNull(newUnit, "unit");
  }

  /** Length of one interval. */
  public long intervalNanos() {
    return intervalNanos;
  }

  /** Records {@code value} at true time {@code nowNanos}. */
  public void record(long nowNanos, double value) {
    int interval = (int) (nowNanos / intervalNanos);
    while (counts.size() <= interval) {
      counts.add(0);
      sums.add(0);
      maxima.add(Double.NaN);
      lasts.add(Double.NaN);
    }
    counts.set(interval, counts.getLong(interval) + 1);
    sums.set(interval, sums.getDouble(interval) + value);
    double max = maxima.getDouble(interval);
    maxima.set(interval, Double.isNaN(max) ? value : Math.max(max, value));
    lasts.set(interval, value);
  }

  /** Number of intervals from time zero up to the last one with a value. */
  public int intervals() {
    return counts.size();
  }

  /** Values recorded in interval {@code i}. */
  public long count(int i) {
    return i < counts.size() ? counts.getLong(i) : 0;
  }

  /** Mean of interval {@code i}'s values, or NaN. */
  public double mean(int i) {
    long n = count(i);
    return n == 0 ? Double.NaN : sums.getDouble(i) / n;
  }

  /** Largest of interval {@code i}'s values, or NaN. */
  public double max(int i) {
    return i < maxima.size() ? maxima.getDouble(i) : Double.NaN;
  }

  /** Last of interval {@code i}'s values, or NaN. */
  public double last(int i) {
    return i < lasts.size() ? lasts.getDouble(i) : Double.NaN;
  }
}
