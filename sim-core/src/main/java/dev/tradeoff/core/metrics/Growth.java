package dev.tradeoff.core.metrics;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A running total turned into how much it grew since the previous call: what a probe sampled once
 * per interval needs to chart a counter (retries, rebalances, conflicts) per interval. The first
 * call counts from 0. A total that can shrink (a node's counter reset by a restart) gives a
 * negative growth; clamp it where that can happen.
 */
public final class Growth implements DoubleSupplier {
  private final LongSupplier total;
  private long last;

  private Growth(LongSupplier total) {
    this.total = total;
  }

  /** The growth of {@code total}, read at each call. */
  public static Growth of(LongSupplier total) {
    return new Growth(Objects.requireNonNull(total, "total"));
  }

  /**
   * {@code scale} times the growth of {@code numerator} over that of {@code denominator} since the
   * previous call: a mean per interval (events per load, ms per event); NaN, no data, when the
   * denominator did not grow.
   */
  public static DoubleSupplier ratio(
      LongSupplier numerator, LongSupplier denominator, double scale) {
    Growth top = of(numerator);
    Growth bottom = of(denominator);
    return () -> {
      long t = top.next();
      long b = bottom.next();
      return b == 0 ? Double.NaN : scale * t / b;
    };
  }

  /**
   * The growth of {@code total} since the previous call per second of a metrics interval of {@code
   * intervalNanos}: a counter charted as a rate (retries a second, commits a second).
   */
  public static DoubleSupplier perSecond(LongSupplier total, long intervalNanos) {
    Growth growth = of(total);
    double seconds = intervalNanos / 1e9;
    return () -> growth.next() / seconds;
  }

  /** How much the total grew since the previous call (since 0 on the first). */
  public long next() {
    long now = total.getAsLong();
    long grown = now - last;
    last = now;
    return grown;
  }

  /** {@link #next()} as a double, for {@link Metrics#probe}. */
  @Override
  public double getAsDouble() {
    return next();
  }
}
