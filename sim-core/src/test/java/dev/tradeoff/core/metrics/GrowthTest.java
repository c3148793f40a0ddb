package dev.tradeoff.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class GrowthTest {
  private long total;
  private long loads;

  @Test
  void eachCallGivesTheGrowthSinceThePreviousOneCountingTheFirstFromZero() {
    Growth g = Growth.of(() -> total);
    total = 7;
    assertEquals(7, g.next());
    assertEquals(0, g.next());
    total = 12;
    assertEquals(5.0, g.getAsDouble());
    total = 10; // a counter reset by a restart shrinks: the growth says so
    assertEquals(-2, g.next());
  }

  @Test
  void aRatioIsTheGrowthOfTheNumeratorOverThatOfTheDenominatorAndNaNWithoutOne() {
    DoubleSupplier perLoad = Growth.ratio(() -> total, () -> loads, 1e-3);
    total = 3_000;
    loads = 2;
    assertEquals(1.5, perLoad.getAsDouble(), 1e-12);
    total = 9_000;
    assertTrue(Double.isNaN(perLoad.getAsDouble()), "no load in the interval: no data");
    total = 10_000;
    loads = 6;
    assertEquals(0.25, perLoad.getAsDouble(), 1e-12); // 1,000 over 4 since the previous call
  }

  @Test
  void aMissingTotalIsRefused() {
    assertThrows(NullPointerException.class, () -> Growth.of(null));
  }
}
