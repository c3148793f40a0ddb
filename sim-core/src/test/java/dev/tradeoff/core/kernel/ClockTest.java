package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockTest {
  private static final long MS = 1_000_000L;

  /** A timer firing, seen from both sides: true time (kernel) and the node's local reading. */
  record Fire(long trueNanos, long localNanos, Object payload) {}

  /** Sets one timer at start and logs when it fires. */
  static final class Sleeper implements Node {
    private final Simulation sim;
    private final long delayLocalNanos;
    private final List<Fire> fires;
    Context ctx;

    Sleeper(Simulation sim, long delayLocalNanos, List<Fire> fires) {
      this.sim = sim;
      this.delayLocalNanos = delayLocalNanos;
      this.fires = fires;
    }

    @Override
    public void onStart(Context ctx) {
      this.ctx = ctx;
      if (delayLocalNanos >= 0) {
        ctx.setTimer(delayLocalNanos, "start");
      }
    }

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onTimer(long timerId, Object payload) {
      fires.add(new Fire(sim.nowNanos(), ctx.localNanos(), payload));
    }
  }

  private static int sleeper(Simulation sim, long delayLocalNanos, List<Fire> fires) {
    return sim.addNode(NodeSpec.of("n", "z", () -> new Sleeper(sim, delayLocalNanos, fires)));
  }

  /** Reads the node's local clock through its context at true time {@code atNanos}. */
  private static void readAt(Simulation sim, int node, long atNanos, List<Long> readings) {
    sim.schedule(atNanos, () -> readings.add(((Sleeper) sim.nodeInstance(node)).ctx.localNanos()));
  }

  private static long firstFireWithDrift(double drift, long delayLocalNanos) {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    int node = sleeper(sim, delayLocalNanos, fires);
    sim.clock(node).setDrift(0, drift);
    sim.runUntil(10_000 * MS);
    assertEquals(1, fires.size());
    return fires.get(0).trueNanos();
  }

  @Test
  void fastClockFiresALocalTimerEarlyInTrueTime() {
    long fired = firstFireWithDrift(0.10, 100 * MS);
    assertEquals((long) Math.ceil(100e6 / 1.1), fired);
    assertEquals(90_909_091L, fired, "100 ms on a 10% fast clock is 90.909... ms of true time");
  }

  @Test
  void slowClockAtMinusHalfDoublesATimer() {
    assertEquals(200 * MS, firstFireWithDrift(-0.5, 100 * MS));
  }

  @Test
  void exactClockFiresOnTime() {
    assertEquals(100 * MS, firstFireWithDrift(0, 100 * MS));
  }

  @Test
  void aTimerFiresWhenTheLocalClockHasAdvancedByItsDelay() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    int node = sleeper(sim, 100 * MS, fires);
    sim.clock(node).setDrift(0, 0.10);
    sim.runUntil(MS * 1_000);
    assertEquals(100 * MS, fires.get(0).localNanos());
  }

  @Test
  void localNanosFollowsDriftFromTheStart() {
    Simulation sim = new Simulation(1);
    int node = sleeper(sim, -1, new ArrayList<>());
    sim.clock(node).setDrift(0, 0.25);
    List<Long> readings = new ArrayList<>();
    readAt(sim, node, 0, readings);
    readAt(sim, node, 40 * MS, readings);
    readAt(sim, node, 80 * MS, readings);
    sim.runUntil(100 * MS);
    assertEquals(List.of(0L, 50 * MS, 100 * MS), readings);
  }

  /**
   * The kernel makes a node's clock when a fault first asks for it; until then it read true time.
   */
  @Test
  void aClockFirstAskedForMidRunGoesOnFromTrueTime() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    int node = sleeper(sim, 100 * MS, fires);
    List<Long> readings = new ArrayList<>();
    readAt(sim, node, 40 * MS, readings);
    sim.schedule(40 * MS, () -> sim.clock(node).setDrift(sim.nowNanos(), 0.5));
    readAt(sim, node, 60 * MS, readings);
    sim.runUntil(200 * MS);

    assertEquals(List.of(40 * MS, 70 * MS), readings);
    // set at 0 on a true clock, the timer keeps its true delay; the reading runs fast from 40 ms
    assertEquals(100 * MS, fires.get(0).trueNanos());
    assertEquals(130 * MS, fires.get(0).localNanos());
  }

  @Test
  void jumpOffsetsTheReadingFromThenOn() {
    Simulation sim = new Simulation(1);
    int node = sleeper(sim, -1, new ArrayList<>());
    LocalClock clock = sim.clock(node);
    List<Long> readings = new ArrayList<>();
    readAt(sim, node, 10 * MS, readings);
    sim.schedule(10 * MS, () -> clock.jump(sim.nowNanos(), 5 * MS));
    readAt(sim, node, 10 * MS, readings);
    readAt(sim, node, 20 * MS, readings);
    sim.schedule(30 * MS, () -> clock.jump(sim.nowNanos(), -8 * MS));
    readAt(sim, node, 30 * MS, readings);
    sim.runUntil(50 * MS);

    assertEquals(List.of(10 * MS, 15 * MS, 25 * MS, 27 * MS), readings);
    assertEquals(-3 * MS, clock.offsetNanos(50 * MS));
  }

  @Test
  void changingDriftKeepsTheReadingContinuous() {
    Simulation sim = new Simulation(1);
    int node = sleeper(sim, -1, new ArrayList<>());
    LocalClock clock = sim.clock(node);
    List<Long> readings = new ArrayList<>();
    sim.schedule(10 * MS, () -> clock.setDrift(sim.nowNanos(), 0.5));
    readAt(sim, node, 10 * MS, readings);
    readAt(sim, node, 20 * MS, readings);
    sim.schedule(20 * MS, () -> clock.setDrift(sim.nowNanos(), -0.5));
    readAt(sim, node, 20 * MS, readings);
    readAt(sim, node, 40 * MS, readings);
    sim.runUntil(50 * MS);

    // 10 ms at rate 1, then 10 ms at 1.5, then 20 ms at 0.5.
    assertEquals(List.of(10 * MS, 25 * MS, 25 * MS, 35 * MS), readings);
    assertEquals(-0.5, clock.drift());
  }

  @Test
  void pendingTimerKeepsTheDriftInForceWhenItWasSetAndIgnoresJumps() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    int node = sleeper(sim, 100 * MS, fires);
    LocalClock clock = sim.clock(node);
    sim.schedule(10 * MS, () -> clock.setDrift(sim.nowNanos(), 1.0));
    sim.schedule(20 * MS, () -> clock.jump(sim.nowNanos(), 50 * MS));
    sim.runUntil(500 * MS);

    assertEquals(1, fires.size());
    assertEquals(100 * MS, fires.get(0).trueNanos());
  }

  @Test
  void driftAtOrBelowMinusOneIsRejected() {
    Simulation sim = new Simulation(1);
    LocalClock clock = sim.clock(sleeper(sim, -1, new ArrayList<>()));
    assertThrows(IllegalArgumentException.class, () -> clock.setDrift(0, -1.0));
    assertThrows(IllegalArgumentException.class, () -> clock.setDrift(0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> clock.setDrift(0, Double.POSITIVE_INFINITY));
  }
}
