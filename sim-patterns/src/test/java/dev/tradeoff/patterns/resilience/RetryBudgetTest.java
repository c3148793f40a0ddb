package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  @Test
  void everyRequestFailingRetriesAreTheShareOfRequestsPlusTheBurst() {
    RetryBudget b = new RetryBudget(0.1, 10);
    int retries = 0;
    for (int i = 0; i < 1000; i++) {
      b.deposit();
      while (b.withdraw()) { // a client that retries whenever it may
        retries++;
      }
    }
    // The bucket starts full (10), then earns 0.1 per request: 10 + 1000 × 0.1 = 110, less
    // the fraction still in the bucket.
    assertTrue(retries >= 109 && retries <= 110, Integer.toString(retries));
  }

  @Test
  void theBucketHoldsAtMostTheBurst() {
    RetryBudget b = new RetryBudget(0.5, 3);
    for (int i = 0; i < 100; i++) {
      b.deposit();
    }
    assertEquals(3.0, b.tokens());
    assertTrue(b.withdraw() && b.withdraw() && b.withdraw());
    assertFalse(b.withdraw());
  }

  @Test
  void aShareAboveOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0.1, 0));
  }
}
