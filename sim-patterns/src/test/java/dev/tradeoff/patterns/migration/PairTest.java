package dev.tradeoff.patterns.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Restarts;
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
  @Test
  void eachIncarnationOfAHostNumbersItsRequestsFromElsewhere() {
    List<int[]> incarnations =
        Restarts.eachStart(
            7,
            "mover",
            List.of("old", "new"),
            ctx -> {
              Pair pair =
                  new Pair(
                      StoreClient.direct("old"),
                      StoreClient.direct("new"),
                      List.of("old"),
                      List.of("new"));
              pair.start(ctx);
              return new int[] {pair.nextOp(), pair.nextOp(), pair.nextOp()};
            });

    assertEquals(Restarts.RESTARTS + 1, incarnations.size());
    Set<Integer> firsts = new HashSet<>();
    for (int[] ids : incarnations) {
      assertTrue(
          ids[0] >= Pair.INTERNAL_OPS && ids[0] < Pair.INTERNAL_OPS + (1 << 28), "" + ids[0]);
      assertEquals(ids[0] + 1, ids[1]);
      assertEquals(ids[0] + 2, ids[2]);
      firsts.add(ids[0]);
    }
    // 21 starts drawn from 2^28 points: the same one twice would be a 1-in-a-million chance
    assertEquals(incarnations.size(), firsts.size());
  }
}
