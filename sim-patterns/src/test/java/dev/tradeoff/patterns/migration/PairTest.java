package dev.tradeoff.patterns.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.StoreClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A host's own request ids: above every history index and below a cache's internal ids, and drawn
 * anew each time the host starts, so that an answer to a request of a crashed incarnation does not
 * match one of the next incarnation's.
 */
class PairTest {
  private static final long MS = 1_000_000L;

  /** A host that takes the first three ids of each incarnation. */
  private static final class Host implements Node {
    private final List<int[]> incarnations;

    Host(List<int[]> incarnations) {
      this.incarnations = incarnations;
    }

    @Override
    public void onStart(Context ctx) {
      Pair pair =
          new Pair(
              StoreClient.direct("old"), StoreClient.direct("new"), List.of("old"), List.of("new"));
      pair.start(ctx);
      incarnations.add(new int[] {pair.nextOp(), pair.nextOp(), pair.nextOp()});
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  /** Node that answers nothing: a layout the host never hears from here. */
  private static final class Silent implements Node {
    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {}
  }

  @Test
  void eachIncarnationOfAHostNumbersItsRequestsFromElsewhere() {
    List<int[]> incarnations = new ArrayList<>();
    Simulation sim = new Simulation(7);
    sim.addNode(NodeSpec.of("old", "z", Silent::new));
    sim.addNode(NodeSpec.of("new", "z", Silent::new));
    int host = sim.addNode(NodeSpec.of("mover", "z", () -> new Host(incarnations)));
    for (int i = 1; i <= 20; i++) {
      long at = i * 10 * MS;
      sim.schedule(at, () -> sim.crash(host));
      sim.schedule(at + MS, () -> sim.restart(host));
    }
    sim.runUntil(300 * MS);

    assertEquals(21, incarnations.size());
    Set<Integer> firsts = new HashSet<>();
    for (int[] ids : incarnations) {
      assertTrue(
          ids[0] >= Pair.INTERNAL_OPS && ids[0] < Pair.INTERNAL_OPS + (1 << 28), "" + ids[0]);
      assertEquals(ids[0] + 1, ids[1]);
      assertEquals(ids[0] + 2, ids[2]);
      firsts.add(ids[0]);
    }
    // 21 starts drawn from 2^28 points: the same one twice would be a 1-in-a-million chance
    assertEquals(21, firsts.size());
  }
}
