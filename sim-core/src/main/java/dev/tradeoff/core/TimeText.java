package dev.tradeoff.core;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Virtual times and durations as a person reads them in witnesses and reports: milliseconds below a
 * second, seconds from there on, never raw nanoseconds. The one formatter every checker and pattern
 * uses, so a witness reads the same wherever it comes from.
 */
public final class TimeText {
  private TimeText() {}

  /**
   * {@code nanos} rounded for reading: three decimals in s from one second on ({@code 5.213 s}), in
   * ms from one millisecond on ({@code 12.345 ms}), exact below ({@code 0.00017 ms}, never a
   * misleading {@code 0.000 ms}); {@code Long.MAX_VALUE} reads {@code never}.
   */
  public static String of(long nanos) {
    if (nanos == Long.MAX_VALUE) {
      return "never";
    }
    long magnitude = Math.abs(nanos);
    // Chosen after rounding: 999.9996 ms reads 1.000 s, not 1000.000 ms.
    if (magnitude >= 999_999_500L) {
      return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
    if (magnitude >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + " ms";
  }

  /**
   * {@code nanos} exactly, with no rounding, in s from one second on ({@code 8.697336842 s}), else
   * in ms ({@code 0.25 ms}): for operation times, where two events a few nanoseconds apart must not
   * read alike. {@code Long.MAX_VALUE} reads {@code pending}.
   */
  public static String exact(long nanos) {
    if (nanos == Long.MAX_VALUE) {
      return "pending";
    }
    boolean seconds = Math.abs(nanos) >= 1_000_000_000L;
    BigDecimal amount = BigDecimal.valueOf(nanos).movePointLeft(seconds ? 9 : 6);
    return amount.stripTrailingZeros().toPlainString() + (seconds ? " s" : " ms");
  }
}
