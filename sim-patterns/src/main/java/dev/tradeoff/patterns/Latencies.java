package dev.tradeoff.patterns;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/** Latencies a pattern collects for a per-interval series, and the percentile the series shows. */
public final class Latencies {
  private Latencies() {}

  /**
   * The 99th percentile (nearest rank) of {@code latencies}, which it then empties for the next
   * interval; NaN when there are none.
   */
  public static double p99AndClear(LongArrayList latencies) {
    if (latencies.isEmpty()) {
      return Double.NaN;
    }
    long[] a = latencies.toLongArray();
    latencies.clear();
    Arrays.sort(a);
    return a[(int) Math.ceil(0.99 * a.length) - 1];
  }
}
