package dev.tradeoff.reports;

import java.util.Arrays;

/**
 * A long series thinned for drawing: beyond {@link #MAX_POINTS} points it is cut into buckets of
 * consecutive intervals and each bucket keeps its lowest and highest value, in time order, so a
 * one-interval spike or drop still shows on the page. A bucket with no data keeps one gap. The
 * report's JSON keeps every interval; only charts are thinned.
 */
final class Downsample {
  /** The most points a chart line gets. */
  static final int MAX_POINTS = 2_000;

  private Downsample() {}

  /** The points to draw: {@code {times, values}}, the input itself when short enough. */
  static double[][] of(long[] timesNanos, double[] values) {
    int n = timesNanos.length;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = timesNanos[i];
    }
    if (n <= MAX_POINTS) {
      return new double[][] {t, values.clone()};
    }
    int bucket = bucketSize(n);
    double[] outT = new double[2 * ((n + bucket - 1) / bucket)];
    double[] outV = new double[outT.length];
    int k = 0;
    for (int from = 0; from < n; from += bucket) {
      int to = Math.min(n, from + bucket);
      int lo = -1;
      int hi = -1;
      for (int i = from; i < to; i++) {
        if (!Double.isNaN(values[i])) {
          lo = lo < 0 || values[i] < values[lo] ? i : lo;
          hi = hi < 0 || values[i] > values[hi] ? i : hi;
        }
      }
      if (lo < 0) {
        outT[k] = t[from];
        outV[k++] = Double.NaN;
        continue;
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      outT[k] = t[first];
      outV[k++] = values[first];
      if (second != first) {
        outT[k] = t[second];
        outV[k++] = values[second];
      }
    }
    return new double[][] {Arrays.copyOf(outT, k), Arrays.copyOf(outV, k)};
  }

  /** Consecutive intervals per bucket for a series of {@code n} points (1 when not thinned). */
  static int bucketSize(int n) {
    return n <= MAX_POINTS ? 1 : (n + MAX_POINTS / 2 - 1) / (MAX_POINTS / 2);
  }
}
