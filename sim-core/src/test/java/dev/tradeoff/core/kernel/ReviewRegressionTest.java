package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Edge cases found in review of the first kernel: each failed before its fix. */
class ReviewRegressionTest {
  private static final long MS = 1_000_000L;

  @Test
  void runningToTheEndOfTimeStopsWhenTheSystemFallsQuiet() {
    Simulation sim = new Simulation(1);
    sim.addNode(NodeSpec.of("once", "dc", Once::new));
    sim.runUntil(Long.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, sim.nowNanos());
    assertEquals(0, sim.pendingEvents());
  }

  @Test
  void aTimerTooFarAwayNeverFiresInsteadOfOverflowing() {
    Simulation sim = new Simulation(1);
    List<Long> fired = new ArrayList<>();
    sim.addNode(NodeSpec.of("far", "dc", () -> new FarTimer(fired)));
    sim.runUntil(10_000 * MS);
    assertEquals(List.of(), fired);
  }

  @Test
  void anOverlappingLongerPauseExtendsThePause() {
    Simulation sim = new Simulation(1);
    List<Long> ticks = new ArrayList<>();
    int id = sim.addNode(NodeSpec.of("ticker", "dc", () -> new Ticker(ticks)));
    sim.runUntil(5 * MS);
    sim.pause(id, 100 * MS);
    sim.runUntil(50 * MS);
    sim.pause(id, 1_000 * MS);
    sim.runUntil(2_000 * MS);
    // ticks every 10 ms; none between 5 ms and the end of the second pause at 1,050 ms
    assertTrue(ticks.stream().noneMatch(t -> t > 5 * MS && t < 1_050 * MS), ticks.toString());
    assertTrue(ticks.contains(1_050 * MS), "the backlog runs at the second pause's end");
  }

  @Test
  void aPausesBacklogIsTracedAsEvents() {
    Simulation sim = new Simulation(1);
    List<Long> ticks = new ArrayList<>();
    int id = sim.addNode(NodeSpec.of("ticker", "dc", () -> new Ticker(ticks)));
    List<EventKind> kinds = new ArrayList<>();
    sim.traceListener((time, kind, node, source, aux, payload) -> kinds.add(kind));
    sim.runUntil(5 * MS);
    sim.pause(id, 100 * MS);
    sim.runUntil(200 * MS);
    // The tick due at 10 ms falls in the pause: it is traced when it falls due (and is held back)
    // and again when it is handled at 105 ms; every other tick once.
    long timers = kinds.stream().filter(k -> k == EventKind.TIMER).count();
    assertEquals(105 * MS, ticks.get(0));
    assertEquals(ticks.size() + 1, timers, "every handled timer is a traced event");
  }

  @Test
  void cancelledTimersAreNotPendingAndLetTheirPayloadGo() {
    Simulation sim = new Simulation(1);
    sim.addNode(NodeSpec.of("rearm", "dc", Rearm::new));
    sim.runUntil(5_000 * MS);
    assertEquals(2, sim.pendingEvents(), "one live timeout and one heartbeat, not thousands");
  }

  @Test
  void aStaleClockChangeIsRefused() {
    Simulation sim = new Simulation(1);
    int id = sim.addNode(NodeSpec.of("n", "dc", Once::new));
    sim.runUntil(5_000 * MS);
    sim.clock(id).setDrift(sim.nowNanos(), 0.1);
    assertThrows(IllegalArgumentException.class, () -> sim.clock(id).setDrift(0, 0.2));
    assertThrows(IllegalArgumentException.class, () -> sim.clock(id).jump(0, MS));
  }

  @Test
  void aMessageOnAHeldLinkToADownNodeWaitsForTheHeal() {
    Simulation sim = new Simulation(1);
    List<Object> received = new ArrayList<>();
    int a = sim.addNode(NodeSpec.of("a", "dc", () -> new Sender("hello")));
    int b = sim.addNode(NodeSpec.of("b", "dc", () -> new Receiver(received)));
    sim.network().cut(a, b, PartitionMode.HOLD);
    sim.runUntil(5 * MS);
    sim.crash(b);
    sim.restart(b);
    sim.network().heal(a, b);
    sim.runUntil(20 * MS);
    assertEquals(List.of("hello"), received);
  }

  @Test
  void timerIdsStayNonNegative() {
    Simulation sim = new Simulation(1);
    sim.addNode(NodeSpec.of("rearm", "dc", Rearm::new));
    sim.runUntil(1_000 * MS);
    assertTrue(Rearm.lastId >= 0);
  }

  @Test
  void lossOnOneLinkDoesNotShiftLatencyDrawsElsewhere() {
    long[] withLoss = arrivalTimes(true);
    long[] withoutLoss = arrivalTimes(false);
    assertEquals(withoutLoss.length, withLoss.length);
    for (int i = 0; i < withLoss.length; i++) {
      assertEquals(withoutLoss[i], withLoss[i], "arrival " + i + " at c");
    }
  }

  /** a sends to b (lossy or not) and to c; c's arrival times must not depend on b's loss. */
  private static long[] arrivalTimes(boolean lossToB) {
    Simulation sim = new Simulation(3);
    sim.network().defaultLatency(Distribution.uniform(MS, 10 * MS));
    List<Long> atC = new ArrayList<>();
    int a = sim.addNode(NodeSpec.of("a", "dc", Spray::new));
    int b = sim.addNode(NodeSpec.of("b", "dc", () -> new Receiver(new ArrayList<>())));
    sim.addNode(NodeSpec.of("c", "dc", () -> new Clock(atC)));
    if (lossToB) {
      sim.network().linkLossRate(a, b, 0.5);
    }
    sim.runUntil(100 * MS);
    return atC.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void payloadComparisonCatchesValuesSentInHashOrder() {
    Determinism.Report plain = Determinism.runTwice(ReviewRegressionTest::hashValues, 42, 10 * MS);
    Determinism.Report strict =
        Determinism.runTwice(ReviewRegressionTest::hashValues, 42, 10 * MS, true);
    assertTrue(plain.deterministic(), "the events alone do not show it: " + plain);
    assertFalse(strict.deterministic(), "payload fingerprints do: " + strict);
  }

  @Test
  void differentHistoriesAreReportedEvenWithIdenticalEvents() {
    Determinism.Report report =
        Determinism.runTwice(ReviewRegressionTest::hashHistory, 42, 10 * MS);
    assertFalse(report.deterministic(), report.toString());
    assertTrue(report.toString().contains("histories"), report.toString());
  }

  @Test
  void theHistoryHashDependsOnEveryRecordedField() {
    History a = new History();
    History b = new History();
    int opA = a.invoke(0, OpKind.WRITE, 1, 5, 10);
    int opB = b.invoke(0, OpKind.WRITE, 1, 6, 10);
    assertNotEquals(a.hash(), b.hash());
    History c = new History();
    int opC = c.invoke(0, OpKind.WRITE, 1, 5, 10);
    assertEquals(a.hash(), c.hash());
    a.complete(opA, dev.tradeoff.core.history.OpStatus.OK, History.NIL, 20);
    c.complete(opC, dev.tradeoff.core.history.OpStatus.INFO, History.NIL, 20);
    assertNotEquals(a.hash(), c.hash());
    assertEquals(0, opB);
  }

  /** A node that sends the members of a HashSet of identity-hashed boxes, in the set's order. */
  static Simulation hashValues(long seed) {
    Simulation sim = new Simulation(seed);
    int sink = sim.addNode(NodeSpec.of("sink", "dc", () -> new Receiver(new ArrayList<>())));
    sim.addNode(NodeSpec.of("leaky", "dc", () -> new HashOrderSender(sink)));
    return sim;
  }

  /** The same bug, reaching the history instead of a message. */
  static Simulation hashHistory(long seed) {
    Simulation sim = new Simulation(seed);
    sim.addNode(
        NodeSpec.of(
            "leaky",
            "dc",
            () ->
                new Node() {
                  @Override
                  public void onStart(Context ctx) {
                    for (long value : hashOrdered()) {
                      sim.history().invoke(0, OpKind.WRITE, 1, value, 0);
                    }
                  }

                  @Override
                  public void onMessage(int from, Object message) {}
                }));
    return sim;
  }

  private static List<Long> hashOrdered() {
    Set<Box> boxes = new HashSet<>();
    for (long i = 0; i < 16; i++) {
      boxes.add(new Box(i));
    }
    List<Long> values = new ArrayList<>();
    for (Box box : boxes) {
      values.add(box.value);
    }
    return values;
  }

  /** Keeps Object's identity hash code on purpose. */
  private static final class Box {
    final long value;

    Box(long value) {
      this.value = value;
    }
  }

  private static final class HashOrderSender implements Node {
    private final int sink;

    HashOrderSender(int sink) {
      this.sink = sink;
    }

    @Override
    public void onStart(Context ctx) {
      for (long value : hashOrdered()) {
        ctx.send(sink, value);
      }
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Once implements Node {
    @Override
    public void onStart(Context ctx) {
      ctx.setTimer(MS, null);
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class FarTimer implements Node {
    private final List<Long> fired;
    private Context ctx;

    FarTimer(List<Long> fired) {
      this.fired = fired;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(Long.MAX_VALUE, null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      fired.add(ctx.localNanos());
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Ticker implements Node {
    private final List<Long> ticks;
    private Context ctx;

    Ticker(List<Long> ticks) {
      this.ticks = ticks;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(10 * MS, null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      ticks.add(ctx.localNanos());
      ctx.setTimer(10 * MS, null);
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  /** Re-arms a 10 s timeout with a 1 KB payload every millisecond, like a heartbeat deadline. */
  private static final class Rearm implements Node {
    static long lastId;
    private Context ctx;
    private long timeout = -1;

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(MS, "beat");
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      if (timeout >= 0) {
        ctx.cancelTimer(timeout);
      }
      timeout = ctx.setTimer(10_000 * MS, new byte[1024]);
      lastId = timeout;
      ctx.setTimer(MS, "beat");
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Sender implements Node {
    private final Object message;

    Sender(Object message) {
      this.message = message;
    }

    @Override
    public void onStart(Context ctx) {
      ctx.send(ctx.nodeId("b"), message);
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Receiver implements Node {
    private final List<Object> received;

    Receiver(List<Object> received) {
      this.received = received;
    }

    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {
      received.add(message);
    }
  }

  /** Sends to b and c every millisecond. */
  private static final class Spray implements Node {
    private Context ctx;

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(MS, null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      ctx.send(ctx.nodeId("b"), "x");
      ctx.send(ctx.nodeId("c"), "x");
      ctx.setTimer(MS, null);
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  /** Records arrival times (its clock has no drift, so local time is true time). */
  private static final class Clock implements Node {
    private final List<Long> arrivals;
    private Context ctx;

    Clock(List<Long> arrivals) {
      this.arrivals = arrivals;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
    }

    @Override
    public void onMessage(int from, Object message) {
      arrivals.add(ctx.localNanos());
    }
  }

  @Test
  void aWorkloadWithoutTimeoutLeavesNoCancelledTimersBehind() {
    Simulation sim = new Simulation(4);
    sim.addNode(
        NodeSpec.of("server", "dc", dev.tradeoff.core.workload.SingleNodeStore::new)
            .cpu(1, Integer.MAX_VALUE, Distribution.constant(0.1 * MS)));
    new dev.tradeoff.core.workload.Workload(
            2,
            dev.tradeoff.core.workload.Arrivals.poisson(1_000),
            0.5,
            dev.tradeoff.core.workload.KeyDistribution.uniform(10),
            List.of("server"),
            Long.MAX_VALUE,
            1_000 * MS)
        .addTo(sim, "clients");
    sim.runUntil(2_000 * MS);
    assertTrue(sim.history().size() > 500, "seed 4: the workload ran");
    assertEquals(0, sim.queuedEntries(), "seed 4: no cancelled timer per operation left queued");
  }
}
