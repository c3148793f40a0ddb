package dev.tradeoff.patterns.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Restarts;
import dev.tradeoff.patterns.routing.KeyRouter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cache-aside driver's own DB request ids: above every history index, and drawn anew each time
 * its host starts, so that the database's answer to a crashed incarnation's write does not match
 * one of the next incarnation's. The writes go to the database only, so the cache node stays
 * silent.
 */
class CacheDriverTest {
  private static final long MS = 1_000_000L;

  /** A database driver that only notes the ids of the requests it is given. */
  private static final class Recording implements StoreClient {
    private final List<Integer> ids;

    Recording(List<Integer> ids) {
      this.ids = ids;
    }

    @Override
    public void start(Context context) {}

    @Override
    public void submit(Request request) {
      ids.add(request.op());
    }

    @Override
    public Response onMessage(int from, Object message) {
      return null;
    }
  }

  private static Settings settings() {
    return new Settings(
        List.of("cache-0"),
        "z",
        KeyRouter.hashMod(1),
        Policy.CACHE_ASIDE,
        0,
        0,
        100,
        false,
        false,
        0,
        0,
        50 * MS,
        1,
        10,
        Distribution.constant(MS),
        null,
        0);
  }

  @Test
  void eachIncarnationOfAHostNumbersItsDatabaseRequestsFromElsewhere() {
    List<List<Integer>> incarnations =
        Restarts.eachStart(
            11,
            "client-0",
            List.of("cache-0"),
            ctx -> {
              List<Integer> ids = new ArrayList<>();
              CacheDriver driver = new CacheDriver(settings(), new Ledger(), new Recording(ids));
              driver.start(ctx);
              driver.submit(new Request(1, OpKind.WRITE, 5, 10, History.NIL));
              driver.submit(new Request(2, OpKind.WRITE, 6, 11, History.NIL));
              return ids;
            });

    assertEquals(Restarts.RESTARTS + 1, incarnations.size());
    Set<Integer> firsts = new HashSet<>();
    for (List<Integer> ids : incarnations) {
      int first = ids.get(0);
      assertTrue(
          first >= CacheDriver.INTERNAL_OPS
              && first < CacheDriver.INTERNAL_OPS + CacheDriver.FIRST_ID_SPAN,
          "" + first);
      assertEquals(List.of(first, first + 1), ids);
      firsts.add(first);
    }
    // 21 starts drawn from 2^29 points: the same one twice would be a 1-in-a-million chance
    assertEquals(incarnations.size(), firsts.size());
  }
}
