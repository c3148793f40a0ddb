package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.random.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long MS = 1_000_000L;

  @Test
  void greedyArrivalsGetExactlyRateTimesTimePlusBurst() {
    UniformRandomProvider random = new RandomStreams(5).fork("bucket");
    for (double rate : new double[] {1, 37.5, 100, 2500}) {
      // With a burst of 1 a token that falls due between two arrivals caps the bucket and the
      // time until the next arrival is lost; from 2 on, greedy demand never fills it.
      for (int burst : new int[] {1, 2, 10, 300}) {
        TokenBucket b = new TokenBucket(rate, burst, 0);
        long admitted = 0;
        long t = 0;
        long end = 10_000 * MS;
        while (t <= end) {
          admitted += b.take(t) ? 1 : 0;
          t += 1 + random.nextInt(100_000); // arrivals far faster than any rate here
        }
        long expected = (long) Math.floor(rate * 10 + 1e-9) + burst;
        if (burst == 1) {
          assertTrue(admitted <= expected && admitted > expected / 2, admitted + " of " + expected);
        } else {
          assertEquals(expected, admitted, 1, "rate " + rate + ", burst " + burst);
        }
      }
    }
  }

  @Test
  void anIdleBucketRefillsOnlyToItsBurst() {
    TokenBucket b = new TokenBucket(1000, 5, 0);
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      admitted += b.take(60_000 * MS) ? 1 : 0; // a minute idle, then 100 at once
    }
    assertEquals(5, admitted);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
  }
}
