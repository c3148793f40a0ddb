package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Long series are thinned for charts without hiding a spike, a drop or a gap. */
class DownsampleTest {
  private static long[] times(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = (i + 1) * 10_000_000L;
    }
    return t;
  }

  @Test
  void shortSeriesAreDrawnAsTheyAre() {
    double[] v = {1, 2, Double.NaN, 4};
    double[][] p = Downsample.of(times(4), v);
    assertArrayEquals(v, p[1]);
    assertEquals(1, Downsample.bucketSize(4));
  }

  @Test
  void longSeriesKeepEveryBucketsExtremesInTimeOrder() {
    int n = 60_000;
    double[] v = new double[n];
    java.util.Arrays.fill(v, 5);
    v[12_345] = 900; // a one-interval spike
    v[40_001] = 0; // a one-interval drop
    for (int i = 50_000; i < 50_200; i++) {
      v[i] = Double.NaN; // two seconds without data
    }
    double[][] p = Downsample.of(times(n), v);
    assertTrue(p[0].length <= Downsample.MAX_POINTS, "points: " + p[0].length);
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    boolean gap = false;
    for (int i = 0; i < p[1].length; i++) {
      if (Double.isNaN(p[1][i])) {
        gap = true;
      } else {
        max = Math.max(max, p[1][i]);
        min = Math.min(min, p[1][i]);
      }
      if (i > 0) {
        assertTrue(p[0][i] > p[0][i - 1], "time order at " + i);
      }
    }
    assertEquals(900, max);
    assertEquals(0, min);
    assertTrue(gap, "a bucket without data stays a gap");
  }
}
