package dev.tradeoff.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Positions}: a step function per lane, read at any instant. */
class PositionsTest {
  @Test
  void readsTheLastPositionPublishedAtOrBeforeAnInstant() {
    Positions p = new Positions();
    p.applied("db-1", 10, "log index", 3);
    p.applied("db-1", 20, "log index", 3); // unchanged: no step
    p.applied("db-1", 30, "log index", 7);
    p.applied("db-1", 30, "log index", 8); // the same instant: the last holds
    p.applied("db-1", 40, "log index", 2); // cut back
    assertEquals(-1, p.at("db-1", 9));
    assertEquals(3, p.at("db-1", 10));
    assertEquals(3, p.at("db-1", 29));
    assertEquals(8, p.at("db-1", 30));
    assertEquals(2, p.at("db-1", Long.MAX_VALUE));
    assertEquals(-1, p.at("db-2", 50));
    assertEquals("log index", p.unit("db-1"));
    assertNull(p.unit("db-2"));
  }

  @Test
  void lanesAreSortedAndTimeMustNotGoBack() {
    Positions p = new Positions();
    p.applied("b", 5, "log index", 1);
    p.applied("a", 1, "log index", 1);
    assertEquals(List.of("a", "b"), p.lanes());
    assertThrows(IllegalArgumentException.class, () -> p.applied("b", 4, "log index", 2));
  }

  @Test
  void metricsKeepWhatNodesPublishThroughTheRecorder() {
    Metrics m = new Metrics();
    Recorder r = m;
    r.applied("db-0", 100, "log index", 12);
    assertEquals(12, m.positions().at("db-0", 100));
  }
}
