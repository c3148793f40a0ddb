package dev.tradeoff.core;

import java.util.Locale;

/**
 * Virtual times and durations as a person reads them in witnesses and reports: milliseconds below a
 * second ({@code 12.345 ms}), seconds from there on ({@code 5.213 s}), never raw nanoseconds.
 */
public final class TimeText {
  private TimeText() {}

  /**
   * {@code nanos} with three decimals in ms below one second, else in s; {@code Long.MAX_VALUE}
   * reads {@code never}.
   */
  public static String of(long nanos) {
    if (nanos == Long.MAX_VALUE) {
      return "never";
    }
    if (Math.abs(nanos) < 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  /** A span {@code from..until}, each end as {@link #of(long)} gives it. */
  public static String span(long fromNanos, long untilNanos) {
    return of(fromNanos) + ".." + of(untilNanos);
  }
}
