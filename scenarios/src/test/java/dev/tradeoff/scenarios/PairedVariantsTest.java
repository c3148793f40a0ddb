package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Common random numbers: variants of one seed that differ only in a decision the system makes (read
 * routing) issue the very same operations — same client, kind, key, written value and invocation
 * time — so a comparison measures the decision, not a different workload.
 */
class PairedVariantsTest {
  private static final String NAME = "replication/read-replica-lag";

  /** Every operation's invocation, in order: process, kind, key, written value, time. */
  private static List<String> invocations(String... sets) {
    List<String> all =
        new ArrayList<>(
            List.of("duration=6s", "faults.schedule[0].at=2s", "checkers=[]", "expectations=[]"));
    all.addAll(List.of(sets));
    Scenario s =
        ScenarioReader.read(
            ScenarioCatalog.source(NAME), ScenarioCatalog.text(NAME).orElseThrow(), all);
    History h = ScenarioRunner.run(s, "test", "test").simulation().history();
    List<String> ops = new ArrayList<>(h.size());
    for (int op = 0; op < h.size(); op++) {
      ops.add(
          h.process(op)
              + " "
              + h.kind(op)
              + " "
              + h.key(op)
              + " "
              + h.value(op)
              + " "
              + h.invokeNanos(op));
    }
    return ops;
  }

  @Test
  void readRoutingVariantsOfOneSeedIssueIdenticalOperations() {
    List<String> any = invocations("seed=3", "system.reads=any");
    assertTrue(any.size() > 3000, "a real load: " + any.size());
    for (String reads : List.of("leader", "session", "sticky")) {
      assertEquals(any, invocations("seed=3", "system.reads=" + reads), reads);
    }
  }

  @Test
  void anotherSeedIssuesOtherOperations() {
    // The comparison above can fail: a different seed draws other arrivals and keys.
    assertNotEquals(invocations("seed=3"), invocations("seed=4"));
  }
}
