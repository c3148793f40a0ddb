package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.SingleNodeStore;
import dev.tradeoff.core.workload.Workload;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final long MS = 1_000_000L;

  /** A small but busy system: jitter, loss, duplication, a CPU with a bounded queue, a crash. */
  static Simulation busySystem(long seed) {
    Simulation sim = new Simulation(seed);
    sim.replayCommand("mvn -pl sim-core test -Dtest=DeterminismTest  # seed " + seed);
    sim.network().latency("clients", "dc", Distribution.logNormal(Math.log(2 * MS), 0.5));
    sim.network().lossRate(0.01);
    sim.network().duplicationRate(0.01);
    int server =
        sim.addNode(
            NodeSpec.of("server", "dc", SingleNodeStore::new)
                .cpu(2, 16, Distribution.exponential(0.4 * MS)));
    new Workload(
            6,
            Arrivals.poisson(3_000),
            0.7,
            KeyDistribution.zipf(50, 1.1),
            List.of("server"),
            50 * MS,
            400 * MS)
        .addTo(sim, "clients");
    sim.schedule(150 * MS, () -> sim.crash(server));
    sim.schedule(170 * MS, () -> sim.restart(server));
    return sim;
  }

  @Test
  void sameSeedGivesTheSameTraceForOneHundredSeeds() {
    UniformRandomProvider seeds = new dev.tradeoff.core.random.RandomStreams(7).fork("seeds");
    Set<Long> hashes = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      long seed = seeds.nextLong();
      Determinism.Report report = Determinism.runTwice(DeterminismTest::busySystem, seed, 500 * MS);
      assertTrue(report.deterministic(), report.toString());
      assertTrue(report.events() > 1_000, "seed " + seed + ": the system barely ran");
      hashes.add(report.firstHash());
    }
    assertEquals(100, hashes.size(), "different seeds must give different traces");
  }

  /**
   * Thousands of nodes, so the kernel touches each refill's nodes ahead of handling them, while
   * some are crashed (no instance), restarted, paused and flushed, and actions are due: the trace
   * must still be the same twice.
   */
  static Simulation manyNodes(long seed) {
    Simulation sim = new Simulation(seed);
    int nodes = 4096;
    sim.network().defaultLatency(Distribution.shifted(0.1 * MS, Distribution.exponential(MS)));
    for (int i = 0; i < nodes; i++) {
      sim.addNode(NodeSpec.of("n" + i, i % 2 == 0 ? "a" : "b", () -> new Hopper(nodes)));
    }
    for (int i = 0; i < nodes; i += 7) {
      int id = i;
      sim.schedule(2 * MS + i, () -> sim.crash(id));
      sim.schedule(4 * MS + i, () -> sim.restart(id));
    }
    for (int i = 3; i < nodes; i += 11) {
      int id = i;
      sim.schedule(3 * MS + i, () -> sim.pause(id, MS));
      sim.schedule(5 * MS + i, () -> sim.flushCache(id));
    }
    return sim;
  }

  @Test
  void aRunOfThousandsOfNodesWithCrashesAndPausesIsDeterministic() {
    Determinism.Report report = Determinism.runTwice(DeterminismTest::manyNodes, 5, 8 * MS);
    assertTrue(report.deterministic(), report.toString());
    assertTrue(report.events() > 100_000, report.toString());
    Simulation sim = manyNodes(5);
    sim.runFor(8 * MS);
    assertTrue(sim.warmedBatches() > 1_000, "batches touched ahead: " + sim.warmedBatches());
  }

  /**
   * Forwards each event to a random node, or to itself by timer (with a cancelled timer beside it);
   * starts with 32, so that refills hold dozens.
   */
  private static final class Hopper implements Node {
    private final int nodes;
    private Context ctx;

    Hopper(int nodes) {
      this.nodes = nodes;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      for (int i = 0; i < 32; i++) {
        next();
      }
    }

    @Override
    public void onMessage(int from, Object message) {
      next();
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      next();
    }

    private void next() {
      if (ctx.random().nextInt(10) > 0) {
        ctx.send(ctx.random().nextInt(nodes), Boolean.TRUE);
      } else {
        ctx.setTimer(MS / 2 + ctx.random().nextInt((int) MS), null);
        // a cancelled timer stays queued, and its entry is reused while it waits
        ctx.cancelTimer(ctx.setTimer(MS / 4, Boolean.FALSE));
      }
    }
  }

  @Test
  void aNodeIteratingAHashMapOfIdentityKeysIsCaught() {
    Determinism.Report report = Determinism.runTwice(DeterminismTest::hashOrderBug, 3, 10 * MS);
    assertFalse(report.deterministic(), report.toString());
    assertTrue(report.toString().contains("seed 3"), report.toString());
    assertTrue(report.firstDivergence().contains("message"), report.toString());
  }

  @Test
  void theSameBugFreeNodeWithASortedMapIsDeterministic() {
    Determinism.Report report = Determinism.runTwice(DeterminismTest::busySystem, 3, 300 * MS);
    assertTrue(report.deterministic(), report.toString());
  }

  @Test
  void aNodesOwnStreamIsTheStreamForkedByItsName() {
    Simulation sim = new Simulation(5);
    long[] drawn = new long[3];
    sim.addNode(
        NodeSpec.of(
            "alpha",
            "dc",
            () ->
                new Node() {
                  @Override
                  public void onStart(Context ctx) {
                    UniformRandomProvider random = ctx.random();
                    drawn[0] = random.nextLong();
                    drawn[1] = random.nextInt();
                    drawn[2] = Double.doubleToLongBits(random.nextDouble());
                  }

                  @Override
                  public void onMessage(int from, Object message) {}
                }));
    sim.runFor(MS);
    UniformRandomProvider expected =
        new dev.tradeoff.core.random.RandomStreams(5).fork("node/alpha");
    assertEquals(expected.nextLong(), drawn[0]);
    assertEquals(expected.nextInt(), drawn[1]);
    assertEquals(Double.doubleToLongBits(expected.nextDouble()), drawn[2]);
  }

  @Test
  void forkedStreamsDependOnlyOnSeedAndName() {
    UniformRandomProvider a = new dev.tradeoff.core.random.RandomStreams(1).fork("x");
    UniformRandomProvider b = new dev.tradeoff.core.random.RandomStreams(1).fork("x");
    UniformRandomProvider c = new dev.tradeoff.core.random.RandomStreams(1).fork("y");
    UniformRandomProvider d = new dev.tradeoff.core.random.RandomStreams(2).fork("x");
    long first = a.nextLong();
    assertEquals(first, b.nextLong());
    assertTrue(first != c.nextLong() && first != d.nextLong());
  }

  /**
   * The planted bug: a coordinator keeps its peers in a HashMap keyed by objects with identity hash
   * codes and messages them in the map's iteration order, which differs from run to run.
   */
  static Simulation hashOrderBug(long seed) {
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.constant(1 * MS));
    for (int i = 0; i < 16; i++) {
      sim.addNode(NodeSpec.of("peer-" + i, "dc", Sink::new));
    }
    sim.addNode(NodeSpec.of("coordinator", "dc", HashOrderCoordinator::new));
    return sim;
  }

  private static final class HashOrderCoordinator implements Node {
    @Override
    public void onStart(Context ctx) {
      Map<Object, Integer> peers = new HashMap<>();
      for (int i = 0; i < 16; i++) {
        peers.put(new Object(), ctx.nodeId("peer-" + i));
      }
      for (Map.Entry<Object, Integer> peer : peers.entrySet()) {
        ctx.send(peer.getValue(), "hello");
      }
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Sink implements Node {
    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {}
  }
}
