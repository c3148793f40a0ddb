package dev.tradeoff.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.Simulation;
import org.junit.jupiter.api.Test;

class PholdModelsTest {
  /**
   * The benchmarks compare the two forms of one model, so they must be one model: the same events
   * in the same order, which the trace hash summarises, at sizes where the kernel warms nodes ahead
   * of their events (2,048 or more) and where it does not.
   */
  @Test
  void theGroupFormProcessesTheEventsOfTheNodeForm() {
    for (int lps : new int[] {64, 4096}) {
      for (long seed = 1; seed <= 3; seed++) {
        Simulation nodes = PholdBenchmark.phold(seed, lps, 4, 0.9);
        Simulation group = PholdBenchmark.pholdGroup(seed, lps, 4, 0.9);
        nodes.runFor(5 * PholdBenchmark.UNIT_NANOS);
        group.runFor(5 * PholdBenchmark.UNIT_NANOS);

        String where = lps + " LPs, seed " + seed;
        assertTrue(nodes.eventsProcessed() > 3L * lps * 4, where + ": the model barely ran");
        assertEquals(nodes.eventsProcessed(), group.eventsProcessed(), where);
        assertEquals(nodes.traceHash(), group.traceHash(), where);
      }
    }
  }
}
