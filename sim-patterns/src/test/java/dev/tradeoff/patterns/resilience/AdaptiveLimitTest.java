package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Additive increase, multiplicative decrease of a concurrency limit. */
class AdaptiveLimitTest {
  private static final long MS = 1_000_000L;

  @Test
  void aLateAnswerCutsTheLimitToNineTenthsAtMostOncePerTarget() {
    AdaptiveLimit a = new AdaptiveLimit(20, 100 * MS);
    assertEquals(20, a.limit());
    a.done(150 * MS, 1_000 * MS);
    assertEquals(18, a.limit()); // 20 × 0.9
    a.done(150 * MS, 1_050 * MS); // within the target of the last cut: the same signal
    a.dropped(1_099 * MS);
    assertEquals(18, a.limit());
    a.dropped(1_100 * MS);
    assertEquals(16, a.limit()); // 18 × 0.9 = 16.2
  }

  @Test
  void onTimeAnswersAddAboutOnePerLimitsWorthUpToTheMaximum() {
    AdaptiveLimit a = new AdaptiveLimit(20, 100 * MS);
    a.dropped(0);
    assertEquals(18, a.limit());
    // 18 on-time answers add 18 × 1/18 ≈ 1.
    for (int i = 0; i < 19; i++) {
      a.done(MS, MS * i);
    }
    assertEquals(19, a.limit());
    for (int i = 0; i < 1_000; i++) {
      a.done(MS, MS * i);
    }
    assertEquals(20, a.limit());
  }

  @Test
  void itNeverFallsBelowOne() {
    AdaptiveLimit a = new AdaptiveLimit(4, MS);
    for (int i = 0; i < 100; i++) {
      a.dropped(i * MS);
    }
    assertEquals(1, a.limit());
    assertThrows(IllegalArgumentException.class, () -> new AdaptiveLimit(0, MS));
  }
}
