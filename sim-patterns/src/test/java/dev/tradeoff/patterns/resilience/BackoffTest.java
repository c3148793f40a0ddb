package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.random.RandomStreams;
import dev.tradeoff.patterns.resilience.Backoff.Jitter;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long MS = 1_000_000L;

  private static UniformRandomProvider random() {
    return new RandomStreams(7).fork("backoff-test");
  }

  @Test
  void exponentialDoublesUpToTheCapAndFixedStays() {
    Backoff exp = new Backoff(true, 10 * MS, 70 * MS, Jitter.NONE);
    long[] expected = {10, 20, 40, 70, 70};
    for (int retry = 1; retry <= 5; retry++) {
      assertEquals(expected[retry - 1] * MS, exp.delayNanos(retry, 0, random()), "retry " + retry);
    }
    assertEquals(70 * MS, exp.delayNanos(100, 0, random()));
    Backoff fixed = new Backoff(false, 10 * MS, 70 * MS, Jitter.NONE);
    assertEquals(10 * MS, fixed.delayNanos(4, 0, random()));
  }

  @Test
  void jittersStayInTheirRangesAndSpreadOverThem() {
    UniformRandomProvider r = random();
    Backoff full = new Backoff(true, 10 * MS, 1000 * MS, Jitter.FULL);
    Backoff equal = new Backoff(true, 10 * MS, 1000 * MS, Jitter.EQUAL);
    Backoff decorrelated = new Backoff(true, 10 * MS, 100 * MS, Jitter.DECORRELATED);
    double fullSum = 0;
    double equalSum = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      long f = full.delayNanos(3, 0, r); // wait 40 ms
      assertTrue(f >= 0 && f <= 40 * MS, Long.toString(f));
      fullSum += f;
      long e = equal.delayNanos(3, 0, r);
      assertTrue(e >= 20 * MS && e <= 40 * MS, Long.toString(e));
      equalSum += e;
      long d = decorrelated.delayNanos(9, 30 * MS, r); // uniform in [10, 90] ms
      assertTrue(d >= 10 * MS && d <= 90 * MS, Long.toString(d));
      assertTrue(decorrelated.delayNanos(2, 50 * MS, r) <= 100 * MS); // [10, 150] capped
    }
    assertEquals(20.0, fullSum / n / MS, 0.5);
    assertEquals(30.0, equalSum / n / MS, 0.3);
  }

  @Test
  void aCapBelowTheBaseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(true, 10, 5, Jitter.NONE));
  }
}
