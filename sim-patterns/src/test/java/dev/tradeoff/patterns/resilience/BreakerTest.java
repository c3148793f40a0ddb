package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.patterns.resilience.Breaker.State;
import org.junit.jupiter.api.Test;

class BreakerTest {
  @Test
  void staysClosedBelowTheThresholdAndUntilTheWindowIsFull() {
    Breaker b = new Breaker(10, 0.5, 1000, 2);
    for (int i = 0; i < 9; i++) {
      b.record(false, i); // nine failures: the window is not full yet
    }
    assertEquals(State.CLOSED, b.state());
    Breaker mixed = new Breaker(10, 0.5, 1000, 2);
    for (int i = 0; i < 100; i++) {
      mixed.record(i % 5 != 0, i); // 20% failures
    }
    assertEquals(State.CLOSED, mixed.state());
    assertTrue(mixed.allow(100));
  }

  @Test
  void opensRefusesThenProbesAndClosesOnSuccess() {
    Breaker b = new Breaker(4, 0.5, 1000, 2);
    b.record(true, 0);
    b.record(true, 1);
    b.record(false, 2);
    assertEquals(State.CLOSED, b.state());
    b.record(false, 3); // 2 of the last 4 failed: the threshold
    assertEquals(State.OPEN, b.state());
    assertFalse(b.allow(500));
    b.record(true, 600); // a call let through before it opened: ignored while open
    assertEquals(State.OPEN, b.state());
    assertTrue(b.allow(1003)); // the open time passed: half-open, two probes
    assertEquals(State.HALF_OPEN, b.state());
    assertTrue(b.allow(1004));
    assertFalse(b.allow(1005)); // no third probe
    b.record(true, 1010);
    b.record(true, 1011);
    assertEquals(State.CLOSED, b.state());
    assertEquals(1, b.opened());
    b.record(false, 1012); // the window was emptied: one failure is not half of a full window
    assertEquals(State.CLOSED, b.state());
  }

  @Test
  void aFailedProbeOpensItAgain() {
    Breaker b = new Breaker(2, 1.0, 100, 1);
    b.record(false, 0);
    b.record(false, 1);
    assertTrue(b.allow(101));
    b.record(false, 102);
    assertEquals(State.OPEN, b.state());
    assertFalse(b.allow(150));
    assertEquals(2, b.opened());
  }

  @Test
  void aWindowOfZeroIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Breaker(0, 0.5, 100, 1));
  }
}
