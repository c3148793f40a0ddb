package dev.tradeoff.core.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErlangCTest {

  @Test
  void singleServerMatchesTheMm1ClosedForms() {
    ErlangC q = new ErlangC(0.9, 1.0, 1);
    double rho = 0.9;
    assertEquals(rho, q.probabilityOfWait(), 1e-12, "M/M/1 waits with probability ρ");
    assertEquals(rho / (1.0 - 0.9), q.meanWaitSeconds(), 1e-9);
    assertEquals(1 / (1.0 - 0.9), q.meanResponseSeconds(), 1e-9);
    // M/M/1 response time is exponential with rate μ − λ.
    assertEquals(Math.log(2) / 0.1, q.responsePercentileSeconds(50), 1e-6);
    assertEquals(Math.log(100) / 0.1, q.responsePercentileSeconds(99), 1e-6);
  }

  @Test
  void twoServersAtOneErlangWaitWithProbabilityOneThird() {
    // C(2, 1) = (1/2 · 1/(1 − 1/2)) / (1 + 1 + 1) = 1/3, by hand from Erlang's formula.
    ErlangC q = new ErlangC(1.0, 1.0, 2);
    assertEquals(1.0 / 3, q.probabilityOfWait(), 1e-12);
    assertEquals((1.0 / 3) / (2 - 1), q.meanWaitSeconds(), 1e-12);
  }

  @Test
  void tailProbabilityIsOneAtZeroAndHalfAtTheMedian() {
    ErlangC q = new ErlangC(3.6, 1.0, 4);
    assertEquals(1.0, q.responseTailProbability(0), 0);
    assertEquals(0.5, q.responseTailProbability(q.responsePercentileSeconds(50)), 1e-9);
    assertEquals(0.01, q.responseTailProbability(q.responsePercentileSeconds(99)), 1e-9);
  }

  @Test
  void rejectsAnUnstableQueue() {
    assertThrows(IllegalArgumentException.class, () -> new ErlangC(4.0, 1.0, 4));
  }
}
