package dev.tradeoff.core.metrics;

import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.HdrHistogram.Histogram;

/**
 * Latency and outcome counts of one operation kind: a whole-run HdrHistogram of successful
 * operations' latencies (nanoseconds, 3 significant digits) and, per interval of completion time,
 * counts of each outcome and the interval's p50 and p99.
 */
public final class OpMetrics {
  private final String kind;
  private final long intervalNanos;
  private final Histogram latencyNanos = new Histogram(3);
  private final Histogram intervalLatency = new Histogram(3);
  private long ok;
  private long fail;
  private long info;
  private int currentInterval;
  private final LongArrayList okPerInterval = new LongArrayList();
  private final LongArrayList errorsPerInterval = new LongArrayList();
  private final LongArrayList p50PerInterval = new LongArrayList();
  private final LongArrayList p99PerInterval = new LongArrayList();
  private long intervalOk;
  private long intervalErrors;

  OpMetrics(String kind, long intervalNanos) {
    this.kind = kind;
    this.intervalNanos = intervalNanos;
  }

  /** The operation kind. */
  public String kind() {
    return kind;
  }

  void record(OpStatus status, long latency, long completeNanos) {
    advanceTo((int) (completeNanos / intervalNanos));
    switch (status) {
      case OK -> {
        ok++;
        intervalOk++;
        latencyNanos.recordValue(latency);
        intervalLatency.recordValue(latency);
      }
      case FAIL -> {
        fail++;
        intervalErrors++;
      }
      case INFO -> {
        info++;
        intervalErrors++;
      }
    }
  }

  /** Closes every interval that ends at or before {@code nowNanos}. */
  void closeIntervalsBefore(long nowNanos) {
    advanceTo((int) (nowNanos / intervalNanos));
  }

  private void advanceTo(int interval) {
    while (currentInterval < interval) {
      okPerInterval.add(intervalOk);
      errorsPerInterval.add(intervalErrors);
      boolean empty = intervalLatency.getTotalCount() == 0;
      p50PerInterval.add(empty ? -1 : intervalLatency.getValueAtPercentile(50));
      p99PerInterval.add(empty ? -1 : intervalLatency.getValueAtPercentile(99));
      intervalLatency.reset();
      intervalOk = 0;
      intervalErrors = 0;
      currentInterval++;
    }
  }

  /** Latencies of successful operations over the whole run, in nanoseconds. Do not modify. */
  public Histogram latencyNanos() {
    return latencyNanos;
  }

  /** Operations that ended {@code ok}. */
  public long ok() {
    return ok;
  }

  /** Operations that ended {@code fail}. */
  public long fail() {
    return fail;
  }

  /** Operations that ended {@code info}. */
  public long info() {
    return info;
  }

  /** Closed intervals so far. */
  public int intervals() {
    return okPerInterval.size();
  }

  /** Successful operations completed in interval {@code i}. */
  public long okIn(int i) {
    return okPerInterval.getLong(i);
  }

  /** Failed or unknown operations completed in interval {@code i}. */
  public long errorsIn(int i) {
    return errorsPerInterval.getLong(i);
  }

  /** Median latency in interval {@code i}, or -1 if nothing succeeded in it. */
  public long p50NanosIn(int i) {
    return p50PerInterval.getLong(i);
  }

  /** 99th percentile latency in interval {@code i}, or -1 if nothing succeeded in it. */
  public long p99NanosIn(int i) {
    return p99PerInterval.getLong(i);
  }

  /** Length of one interval. */
  public long intervalNanos() {
    return intervalNanos;
  }
}
