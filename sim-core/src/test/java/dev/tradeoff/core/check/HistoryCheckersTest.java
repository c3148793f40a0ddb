package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The registry's names are unique and each makes a fresh checker that answers to that name. */
class HistoryCheckersTest {
  @Test
  void everyNameMakesAFreshCheckerOfThatName() {
    assertEquals(HistoryCheckers.names().size(), new HashSet<>(HistoryCheckers.names()).size());
    for (String name : HistoryCheckers.names()) {
      Checker a = HistoryCheckers.create(name).orElseThrow();
      assertEquals(name, a.name());
      assertNotSame(a, HistoryCheckers.create(name).orElseThrow(), name);
    }
    assertTrue(HistoryCheckers.create("lost-writes").isEmpty(), "a pattern's checker, not here");
  }
}
