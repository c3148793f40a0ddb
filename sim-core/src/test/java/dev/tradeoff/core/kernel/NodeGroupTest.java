package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;

class NodeGroupTest {
  private static final long MS = 1_000_000L;
  private static final int MEMBERS = 5;

  /**
   * Members {@code first} to {@code first + size - 1} of a gossiping model, their state in arrays:
   * as a group's handler it serves them all, as a node of its own it is built with size 1. Every
   * handler logs what it saw and drew, so two runs that differ anywhere log differently.
   */
  static final class Members implements Node {
    private final int first;
    private final int[] count;
    private final List<String> log;
    private Context ctx;
    private UniformRandomProvider random;
    private ContinuousSampler delay;

    Members(int first, int size, List<String> log) {
      this.first = first;
      this.count = new int[size];
      this.log = log;
    }

    @Override
    public void onStart(Context context) {
      if (ctx == null) {
        ctx = context;
        random = ctx.random();
        delay = Distribution.exponential(MS).sampler(random);
      }
      count[ctx.self() - first] = 0; // the member's volatile memory, reset at every start
      log("start, disk says " + ctx.disk().get("boots"));
      ctx.disk().put("boots", ctx.name());
      ctx.disk().sync();
      ctx.setTimer((long) delay.sample(), "tick");
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      int n = ++count[ctx.self() - first];
      log("tick " + n + " draw " + random.nextInt(100));
      if (random.nextBoolean()) {
        int to = random.nextInt(MEMBERS);
        ctx.send(to, n);
      } else {
        ctx.process(MS / 2, "job" + n);
      }
      ctx.setTimer((long) delay.sample(), "tick");
    }

    @Override
    public void onMessage(int from, Object message) {
      count[ctx.self() - first] += (Integer) message;
      log("from " + from + " got " + message + " gossip " + ctx.random("gossip").nextInt(10));
    }

    @Override
    public void onProcessed(Object job) {
      log("done " + job + " at local " + ctx.localNanos());
    }

    @Override
    public void onCacheFlush() {
      log("flush count " + count[ctx.self() - first]);
    }

    private void log(String what) {
      log.add(what + " on " + ctx.name() + " (" + ctx.self() + ")");
    }
  }

  private static Simulation model(long seed, boolean asGroup, List<String> log) {
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.uniform(MS / 10, 2 * MS));
    if (asGroup) {
      sim.addGroup(NodeSpec.of("m", "z", () -> new Members(0, MEMBERS, log)), MEMBERS);
    } else {
      for (int i = 0; i < MEMBERS; i++) {
        int id = i;
        sim.addNode(NodeSpec.of("m-" + i, "z", () -> new Members(id, 1, log)));
      }
    }
    sim.schedule(4 * MS, () -> sim.pause(3, 3 * MS));
    sim.schedule(5 * MS, () -> sim.crash(2));
    sim.schedule(9 * MS, () -> sim.restart(2));
    sim.schedule(6 * MS, () -> sim.flushCache(1));
    sim.clock(4).setDrift(0, 0.01);
    return sim;
  }

  @Test
  void aGroupRunsExactlyAsNodesOfTheirOwnWithTheSameNames() {
    for (long seed = 1; seed <= 5; seed++) {
      List<String> alone = new ArrayList<>();
      List<String> grouped = new ArrayList<>();
      Simulation nodes = model(seed, false, alone);
      Simulation group = model(seed, true, grouped);
      nodes.runFor(30 * MS);
      group.runFor(30 * MS);

      int at = firstDifference(alone, grouped);
      long s = seed;
      assertEquals(
          -1,
          at,
          () ->
              "seed " + s + ", entry " + at + ": " + entry(alone, at) + " / " + entry(grouped, at));
      assertEquals(nodes.traceHash(), group.traceHash(), "seed " + seed);
      assertEquals(nodes.eventsProcessed(), group.eventsProcessed(), "seed " + seed);
      // the faults and every kind of handler took part
      assertTrue(
          grouped.contains("start, disk says m-2 on m-2 (2)"), "seed " + seed + ": no restart");
      assertTrue(grouped.stream().anyMatch(e -> e.startsWith("from ")), "seed " + seed);
      assertTrue(grouped.stream().anyMatch(e -> e.startsWith("done ")), "seed " + seed);
      assertTrue(grouped.stream().anyMatch(e -> e.startsWith("flush ")), "seed " + seed);
    }
  }

  private static int firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (!entry(a, i).equals(entry(b, i))) {
        return i;
      }
    }
    return -1;
  }

  private static String entry(List<String> log, int i) {
    return i < log.size() ? log.get(i) : "(none)";
  }

  @Test
  void aMemberCrashedAndRestartedStartsAgainWhileTheOthersRunOn() {
    List<String> log = new ArrayList<>();
    Simulation sim = model(7, true, log);
    sim.runFor(30 * MS);

    assertEquals(2, log.stream().filter(e -> e.startsWith("start,") && e.endsWith("(2)")).count());
    assertEquals(1, log.stream().filter(e -> e.startsWith("start,") && e.endsWith("(0)")).count());
    // nothing of member 2 between its crash and its restart
    int crash = -1;
    int restart = log.indexOf("start, disk says m-2 on m-2 (2)");
    for (int i = 0; i < restart; i++) {
      if (log.get(i).endsWith("(2)")) {
        crash = i;
      }
    }
    assertTrue(crash >= 0 && restart > crash + 1, "other members ran while member 2 was down");
  }

  @Test
  void oneHandlerIsBuiltAndServesEveryMember() {
    Simulation sim = new Simulation(1);
    int[] built = {0};
    List<String> log = new ArrayList<>();
    int first =
        sim.addGroup(
            NodeSpec.of(
                "g",
                "z",
                () -> {
                  built[0]++;
                  return new Members(0, MEMBERS, log);
                }),
            MEMBERS);
    sim.runFor(MS);
    sim.crash(1);
    sim.restart(1);
    sim.runFor(MS);

    assertEquals(0, first);
    assertEquals(1, built[0]);
    assertEquals("g-4", sim.nodeName(4));
    for (int id = 1; id < MEMBERS; id++) {
      assertSame(sim.nodeInstance(0), sim.nodeInstance(id));
    }
  }

  @Test
  void theGroupsContextStandsForNoMemberOutsideItsHandlers() {
    Simulation sim = new Simulation(1);
    List<String> log = new ArrayList<>();
    Members[] handler = new Members[1];
    sim.addGroup(
        NodeSpec.of(
            "g",
            "z",
            () -> {
              handler[0] = new Members(0, 2, log);
              return handler[0];
            }),
        2);
    sim.runFor(MS);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> handler[0].ctx.send(1, "x"));
    assertTrue(e.getMessage().contains("node group g"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> handler[0].ctx.self());
  }

  @Test
  void aGroupNeedsAMemberAndNamesOfItsOwn() {
    Simulation sim = new Simulation(1);
    sim.addNode(NodeSpec.of("g-1", "z", () -> new Members(0, 1, new ArrayList<>())));

    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> sim.addGroup(NodeSpec.of("h", "z", () -> null), 0));
    IllegalArgumentException taken =
        assertThrows(
            IllegalArgumentException.class,
            () -> sim.addGroup(NodeSpec.of("g", "z", () -> null), 3));

    assertTrue(empty.getMessage().contains("size must be >= 1"), empty.getMessage());
    assertTrue(taken.getMessage().contains("duplicate node name: g-1"), taken.getMessage());
    assertEquals(1, sim.nodeCount()); // nothing of the refused group was added
  }
}
