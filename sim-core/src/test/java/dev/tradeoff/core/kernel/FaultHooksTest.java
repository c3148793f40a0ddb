package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel verbs that faults act through beyond crash, restart and pause. */
class FaultHooksTest {
  private static final long MS = 1_000_000L;

  @Test
  void aSlowNodeMultipliesServiceTimesOfJobsStartingAfterwards() {
    Simulation sim = new Simulation(1);
    List<Long> done = new ArrayList<>();
    int id =
        sim.addNode(
            NodeSpec.of("worker", "dc", () -> new Submitter(done))
                .cpu(1, 10, Distribution.constant(10 * MS)));
    sim.runUntil(5 * MS); // first job started at 0 with 10 ms
    sim.slowDown(id, 3.0);
    sim.runUntil(100 * MS);
    // job 1: 0 → 10 ms at full speed, having started before the slow-down; job 2 was queued at 0
    // but starts at 10 ms, after it: 30 ms instead of 10; so does job 3, submitted at 10 ms
    assertEquals(List.of(10 * MS, 40 * MS, 70 * MS), done);
    assertThrows(IllegalArgumentException.class, () -> sim.slowDown(id, 0));
  }

  @Test
  void aProcessCrashKeepsUnsyncedWritesAndAPowerLossDoesNot() {
    Simulation sim = new Simulation(1);
    int a = sim.addNode(NodeSpec.of("a", "dc", Writer::new));
    int b = sim.addNode(NodeSpec.of("b", "dc", Writer::new));
    sim.runUntil(MS);
    sim.crash(a, false);
    sim.crash(b);
    assertEquals("v", sim.disk(a).get("k"), "the OS flushed a's write");
    assertNull(sim.disk(b).get("k"), "b lost its unsynced write");
    assertEquals(0, sim.disk(a).lostWrites());
    assertEquals(1, sim.disk(b).lostWrites());
  }

  @Test
  void flushCacheReachesTheNodeOnlyWhileItIsUp() {
    Simulation sim = new Simulation(1);
    int[] flushes = {0};
    int id = sim.addNode(NodeSpec.of("cache", "dc", () -> new Cache(flushes)));
    sim.runUntil(MS);
    sim.flushCache(id);
    sim.runUntil(2 * MS);
    sim.crash(id);
    sim.flushCache(id);
    sim.runUntil(3 * MS);
    assertEquals(1, flushes[0]);
  }

  @Test
  void nodesInZoneListsIdsInOrder() {
    Simulation sim = new Simulation(1);
    sim.addNode(NodeSpec.of("a", "east", Writer::new));
    sim.addNode(NodeSpec.of("b", "west", Writer::new));
    sim.addNode(NodeSpec.of("c", "east", Writer::new));
    assertEquals(List.of(0, 2), sim.nodesInZone("east"));
    assertEquals(List.of(), sim.nodesInZone("north"));
  }

  /** Submits two jobs at start and one more when the first finishes; records completion times. */
  private static final class Submitter implements Node {
    private final List<Long> done;
    private Context ctx;

    Submitter(List<Long> done) {
      this.done = done;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.process("1");
      ctx.process("2");
    }

    @Override
    public void onProcessed(Object job) {
      done.add(ctx.localNanos());
      if (job.equals("1")) {
        ctx.process("3");
      }
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Writer implements Node {
    @Override
    public void onStart(Context ctx) {
      ctx.disk().put("k", "v");
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Cache implements Node {
    private final int[] flushes;

    Cache(int[] flushes) {
      this.flushes = flushes;
    }

    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onCacheFlush() {
      flushes[0]++;
    }
  }
}
