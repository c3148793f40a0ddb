package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final long MS = 1_000_000L;

  /** Something a node handled: true and local time, which node and incarnation, and what. */
  record Event(long atNanos, long localNanos, String node, int boot, String what) {
    Event(long atNanos, String node, int boot, String what) {
      this(atNanos, atNanos, node, boot, what);
    }

    /** The same event without its local reading, for tests whose clocks do not drift. */
    Event trueOnly() {
      return new Event(atNanos, node, boot, what);
    }
  }

  /**
   * Logs everything it handles to a log that outlives it. Runs a script at start. A message or
   * timer payload that is a {@link RuntimeException} is thrown, to test failure reports.
   */
  static final class Probe implements Node {
    private final Simulation sim;
    private final String name;
    private final int boot;
    private final List<Event> log;
    private final Consumer<Probe> script;
    Context ctx;
    int messagesSeen;

    Probe(Simulation sim, String name, int boot, List<Event> log, Consumer<Probe> script) {
      this.sim = sim;
      this.name = name;
      this.boot = boot;
      this.log = log;
      this.script = script;
    }

    @Override
    public void onStart(Context ctx) {
      this.ctx = ctx;
      record("start");
      script.accept(this);
    }

    @Override
    public void onMessage(int from, Object message) {
      if (message instanceof RuntimeException e) {
        throw e;
      }
      messagesSeen++;
      record("msg:" + message);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      if (payload instanceof RuntimeException e) {
        throw e;
      }
      record("timer:" + payload);
    }

    @Override
    public void onProcessed(Object job) {
      record("job:" + job);
    }

    int boot() {
      return boot;
    }

    void record(String what) {
      log.add(new Event(sim.nowNanos(), ctx.localNanos(), name, boot, what));
    }
  }

  /** Probes in one simulation, sharing one log, counting how often each factory is called. */
  static final class World {
    final Simulation sim;
    final List<Event> log = new ArrayList<>();
    final List<int[]> boots = new ArrayList<>();

    World(long seed) {
      sim = new Simulation(seed);
    }

    int add(String name, Consumer<Probe> script) {
      return add(name, 1, Integer.MAX_VALUE, script);
    }

    int add(String name, int workers, int queueCapacity, Consumer<Probe> script) {
      int[] boot = new int[1];
      boots.add(boot);
      return sim.addNode(
          NodeSpec.of(name, "z", () -> new Probe(sim, name, ++boot[0], log, script))
              .cpu(workers, queueCapacity, Distribution.constant(0)));
    }

    int factoryCalls(int node) {
      return boots.get(node)[0];
    }

    Probe probe(int node) {
      return (Probe) sim.nodeInstance(node);
    }

    void sendAt(long atNanos, int from, int to, Object message) {
      sim.schedule(atNanos, () -> probe(from).ctx.send(to, message));
    }

    void crashAt(long atNanos, int node) {
      sim.schedule(atNanos, () -> sim.crash(node));
    }

    void restartAt(long atNanos, int node) {
      sim.schedule(atNanos, () -> sim.restart(node));
    }

    void pauseAt(long atNanos, int node, long durationNanos) {
      sim.schedule(atNanos, () -> sim.pause(node, durationNanos));
    }

    /** Events of {@code node} other than starts, in the order handled, without local time. */
    List<Event> handled(String node) {
      List<Event> events = new ArrayList<>();
      for (Event e : log) {
        if (e.node().equals(node) && !e.what().equals("start")) {
          events.add(e.trueOnly());
        }
      }
      return events;
    }

    List<Event> starts(String node) {
      List<Event> events = new ArrayList<>();
      for (Event e : log) {
        if (e.node().equals(node) && e.what().equals("start")) {
          events.add(e.trueOnly());
        }
      }
      return events;
    }
  }

  private static final Consumer<Probe> IDLE = p -> {};

  // ---- crash and restart ----

  @Test
  void crashDropsTimersAndUnsyncedWritesButKeepsSyncedOnes() {
    World w = new World(1);
    List<String> recovered = new ArrayList<>();
    int db =
        w.add(
            "db",
            p -> {
              Disk disk = p.ctx.disk();
              recovered.add(disk.get("synced") + "/" + disk.get("unsynced"));
              if (p.boot() == 1) {
                disk.put("synced", "v1");
                disk.sync();
                disk.put("synced", "v1-overwritten");
                disk.put("unsynced", "v2");
                p.ctx.setTimer(50 * MS, "set-before-crash");
              }
            });
    w.crashAt(10 * MS, db);
    w.restartAt(20 * MS, db);

    w.sim.runUntil(9 * MS);
    Disk disk = w.sim.disk(db);
    assertEquals("v1-overwritten", disk.get("synced"), "reads see unsynced writes");
    assertEquals("v2", disk.get("unsynced"));
    assertEquals(2, disk.unsyncedWrites());

    w.sim.runUntil(200 * MS);
    assertEquals(List.of("null/null", "v1/null"), recovered);
    assertEquals("v1", disk.get("synced"));
    assertNull(disk.get("unsynced"));
    assertEquals(2, disk.lostWrites());
    assertEquals(List.of(), w.handled("db"), "the timer died with the crash");
  }

  /** Fields are volatile memory: only what was synced to disk comes back. */
  @Test
  void restartBuildsAFreshInstanceThatRecoversFromDisk() {
    World w = new World(1);
    int client = w.add("client", IDLE);
    List<Integer> recovered = new ArrayList<>();
    int[] factoryCalls = new int[1];
    int counter =
        w.sim.addNode(
            NodeSpec.of(
                "counter",
                "z",
                () -> {
                  factoryCalls[0]++;
                  return new Counter(recovered);
                }));
    w.sendAt(MS, client, counter, "sync");
    w.sendAt(2 * MS, client, counter, "sync");
    w.sendAt(3 * MS, client, counter, "no-sync");
    w.crashAt(10 * MS, counter);
    w.restartAt(20 * MS, counter);

    w.sim.runUntil(9 * MS);
    Counter before = (Counter) w.sim.nodeInstance(counter);
    assertEquals(3, before.count);
    assertEquals(3, before.messagesSeen);

    w.sim.runUntil(15 * MS);
    assertFalse(w.sim.isUp(counter));
    assertNull(w.sim.nodeInstance(counter));

    w.sim.runUntil(25 * MS);
    Counter after = (Counter) w.sim.nodeInstance(counter);
    assertNotSame(before, after);
    assertEquals(2, factoryCalls[0]);
    assertEquals(List.of(0, 2), recovered);
    assertEquals(2, after.count);
    assertEquals(0, after.messagesSeen, "fields start fresh");

    w.sendAt(30 * MS, client, counter, "sync");
    w.sim.runUntil(40 * MS);
    assertEquals(3, after.count);
  }

  /** Counts messages; a "sync" message makes the count durable. */
  static final class Counter implements Node {
    private final List<Integer> recovered;
    private Context ctx;
    int count;
    int messagesSeen;

    Counter(List<Integer> recovered) {
      this.recovered = recovered;
    }

    @Override
    public void onStart(Context ctx) {
      this.ctx = ctx;
      Object saved = ctx.disk().get("count");
      count = saved == null ? 0 : (Integer) saved;
      recovered.add(count);
    }

    @Override
    public void onMessage(int from, Object message) {
      messagesSeen++;
      count++;
      ctx.disk().put("count", count);
      if (message.equals("sync")) {
        ctx.disk().sync();
      }
    }
  }

  @Test
  void messagesToACrashedNodeAreDroppedAndTheRestartedNodeReceivesNewOnes() {
    World w = new World(1);
    int a = w.add("a", IDLE);
    int b = w.add("b", IDLE);
    w.sendAt(4 * MS + MS / 2, a, b, "in-flight-at-crash");
    w.crashAt(5 * MS, b);
    w.sendAt(6 * MS, a, b, "while-down-1");
    w.sendAt(7 * MS, a, b, "while-down-2");
    w.restartAt(20 * MS, b);
    w.sendAt(30 * MS, a, b, "after-restart");
    w.sim.runUntil(100 * MS);

    assertEquals(3, w.sim.network().stats().droppedAtDownNode());
    assertEquals(List.of(new Event(31 * MS, "b", 2, "msg:after-restart")), w.handled("b"));
    assertTrue(w.sim.isUp(b));
  }

  @Test
  void timersSetBeforeACrashNeverFireAfterRestart() {
    World w = new World(1);
    int n = w.add("n", p -> p.ctx.setTimer(30 * MS, "boot-" + p.boot()));
    w.crashAt(10 * MS, n);
    w.restartAt(20 * MS, n);
    w.sim.runUntil(200 * MS);

    assertEquals(List.of(new Event(50 * MS, "n", 2, "timer:boot-2")), w.handled("n"));
  }

  @Test
  void withoutACrashTheSameTimerFires() {
    World w = new World(1);
    w.add("n", p -> p.ctx.setTimer(30 * MS, "boot-" + p.boot()));
    w.sim.runUntil(200 * MS);

    assertEquals(List.of(new Event(30 * MS, "n", 1, "timer:boot-1")), w.handled("n"));
  }

  /**
   * A restart schedules the new instance's start at the current time, behind anything already due
   * then. A message due at that same instant must not reach a node that has no instance yet.
   */
  @Test
  void aMessageArrivingAtTheInstantOfRestartDoesNotReachAMissingInstance() {
    World w = new World(1);
    w.sim.network().defaultLatency(Distribution.constant(10 * MS));
    int a = w.add("a", IDLE);
    int b = w.add("b", IDLE);
    w.crashAt(MS, b);
    w.restartAt(10 * MS, b);
    w.sendAt(0, a, b, "due-at-restart");

    assertDoesNotThrow(() -> w.sim.runUntil(100 * MS));
    NetworkStats stats = w.sim.network().stats();
    assertEquals(1, stats.delivered() + stats.droppedAtDownNode());
    assertEquals(2, w.starts("b").size());
    for (Event e : w.handled("b")) {
      assertEquals(2, e.boot(), "only the new incarnation may handle it, after its start");
    }
  }

  @Test
  void crashDropsRunningAndQueuedJobsAndFreesTheCpu() {
    World w = new World(1);
    int n =
        w.add(
            "n",
            p -> {
              if (p.boot() == 1) {
                p.ctx.process(10 * MS, "running");
                p.ctx.process(10 * MS, "queued");
              } else {
                p.ctx.process(3 * MS, "after-restart");
              }
            });
    w.crashAt(5 * MS, n);
    w.restartAt(7 * MS, n);
    w.sim.runUntil(100 * MS);

    assertEquals(List.of(new Event(10 * MS, "n", 2, "job:after-restart")), w.handled("n"));
    CpuStats stats = w.sim.cpuStats(n);
    assertEquals(0, stats.busyWorkers());
    assertEquals(0, stats.queueLength());
    assertEquals(1, stats.completed());
  }

  // ---- pause ----

  @Test
  void messagesAndTimersDueDuringAPauseAreHandledAtResumeInOrder() {
    World w = new World(1);
    int a = w.add("a", IDLE);
    int b =
        w.add(
            "b",
            p -> {
              p.ctx.setTimer(5 * MS, "t5");
              p.ctx.setTimer(8 * MS, "t8");
            });
    w.pauseAt(MS, b, 10 * MS);
    w.sendAt(2 * MS, a, b, "m3");
    w.sendAt(6 * MS, a, b, "m7");
    w.sendAt(15 * MS, a, b, "m16");

    w.sim.runUntil(10 * MS);
    assertTrue(w.sim.isPaused(b));
    assertTrue(w.sim.isUp(b));
    assertEquals(List.of(), w.handled("b"));

    w.sim.runUntil(100 * MS);
    assertFalse(w.sim.isPaused(b));
    assertEquals(
        List.of(
            new Event(11 * MS, "b", 1, "msg:m3"),
            new Event(11 * MS, "b", 1, "timer:t5"),
            new Event(11 * MS, "b", 1, "msg:m7"),
            new Event(11 * MS, "b", 1, "timer:t8"),
            new Event(16 * MS, "b", 1, "msg:m16")),
        w.handled("b"));
  }

  /**
   * The backlog fell due before the resume instant, so it must be handled before anything that
   * falls due exactly at the resume instant. Here m1 and m2 travel the same 5 ms link in send
   * order; m2 lands exactly when the pause ends.
   */
  @Test
  void backlogIsHandledBeforeEventsDueExactlyAtResume() {
    World w = new World(1);
    w.sim.network().defaultLatency(Distribution.constant(5 * MS));
    int a = w.add("a", IDLE);
    int b = w.add("b", IDLE);
    w.pauseAt(0, b, 10 * MS);
    w.sendAt(0, a, b, "m1");
    w.sendAt(5 * MS, a, b, "m2");
    w.sim.runUntil(100 * MS);

    assertEquals(
        List.of(new Event(10 * MS, "b", 1, "msg:m1"), new Event(10 * MS, "b", 1, "msg:m2")),
        w.handled("b"));
  }

  @Test
  void aJobInServiceWhenThePauseStartsCompletesAtResumePlusItsRemainingServiceTime() {
    World w = new World(1);
    int n =
        w.add(
            "n",
            p -> {
              p.ctx.process(10 * MS, "j1");
              p.ctx.process(5 * MS, "j2");
            });
    w.pauseAt(4 * MS, n, 20 * MS);
    w.sim.runUntil(100 * MS);

    // j1 had 6 ms left at the pause (4 ms), so it ends 6 ms after the resume (24 ms); j2 follows.
    assertEquals(
        List.of(new Event(30 * MS, "n", 1, "job:j1"), new Event(35 * MS, "n", 1, "job:j2")),
        w.handled("n"));
  }

  @Test
  void theLocalClockKeepsRunningDuringAPause() {
    World w = new World(1);
    int n = w.add("n", p -> p.ctx.setTimer(5 * MS + MS / 2, "t"));
    w.sim.clock(n).setDrift(0, 0.10);
    w.pauseAt(MS, n, 10 * MS);
    w.sim.runUntil(100 * MS);

    List<Event> fired = new ArrayList<>();
    for (Event e : w.log) {
      if (e.what().equals("timer:t")) {
        fired.add(e);
      }
    }
    assertEquals(List.of(new Event(11 * MS, 12 * MS + MS / 10, "n", 1, "timer:t")), fired);
  }

  @Test
  void crashDuringAPauseDropsTheBacklogAndTheOldResumeDoesNotTouchTheNewIncarnation() {
    World w = new World(1);
    int a = w.add("a", IDLE);
    int b = w.add("b", p -> p.ctx.setTimer(3 * MS, "boot-" + p.boot()));
    w.pauseAt(MS, b, 20 * MS);
    w.sendAt(2 * MS, a, b, "backlog");
    w.crashAt(5 * MS, b);
    w.restartAt(6 * MS, b);
    w.pauseAt(15 * MS, b, 30 * MS);
    w.sim.runUntil(25 * MS);

    assertTrue(w.sim.isPaused(b), "the first pause's resume (at 21 ms) must not end the second");
    w.sim.runUntil(100 * MS);
    assertEquals(List.of(new Event(9 * MS, "b", 2, "timer:boot-2")), w.handled("b"));
  }

  /** Reports count losses from NetworkStats, so every message sent must end up in some counter. */
  @Test
  void messagesInAPausedNodesBacklogLostAtACrashAreCounted() {
    World w = new World(1);
    int a = w.add("a", IDLE);
    int b = w.add("b", IDLE);
    w.pauseAt(MS, b, 20 * MS);
    w.sendAt(2 * MS, a, b, "backlog");
    w.crashAt(5 * MS, b);
    w.sim.runUntil(100 * MS);

    NetworkStats s = w.sim.network().stats();
    assertEquals(1, s.sent());
    assertEquals(
        s.sent() + s.duplicated(),
        s.delivered()
            + s.droppedByLoss()
            + s.droppedByPartition()
            + s.droppedAtDownNode()
            + s.heldNow(),
        s.toString());
  }

  // ---- CPU ----

  @Test
  void oneWorkerWithAQueueOfTwoAcceptsThreeOfFiveAndRunsThemFifo() {
    World w = new World(1);
    List<Boolean> accepted = new ArrayList<>();
    int n =
        w.add(
            "n",
            1,
            2,
            p -> {
              long[] costs = {10 * MS, 5 * MS, 7 * MS, MS, MS};
              for (int i = 0; i < costs.length; i++) {
                accepted.add(p.ctx.process(costs[i], "j" + i));
              }
            });
    w.sim.runUntil(100 * MS);

    assertEquals(List.of(true, true, true, false, false), accepted);
    assertEquals(
        List.of(
            new Event(10 * MS, "n", 1, "job:j0"),
            new Event(15 * MS, "n", 1, "job:j1"),
            new Event(22 * MS, "n", 1, "job:j2")),
        w.handled("n"));
    CpuStats stats = w.sim.cpuStats(n);
    assertEquals(3, stats.accepted());
    assertEquals(2, stats.rejected());
    assertEquals(2, stats.waited());
    assertEquals(3, stats.completed());
  }

  @Test
  void twoWorkersRunTwoJobsInParallel() {
    World w = new World(1);
    int n =
        w.add(
            "n",
            2,
            Integer.MAX_VALUE,
            p -> {
              p.ctx.process(10 * MS, "j0");
              p.ctx.process(10 * MS, "j1");
              p.ctx.process(4 * MS, "j2");
            });
    w.sim.runUntil(5 * MS);
    CpuStats busy = w.sim.cpuStats(n);
    assertEquals(2, busy.busyWorkers());
    assertEquals(1, busy.queueLength());

    w.sim.runUntil(100 * MS);
    assertEquals(
        List.of(
            new Event(10 * MS, "n", 1, "job:j0"),
            new Event(10 * MS, "n", 1, "job:j1"),
            new Event(14 * MS, "n", 1, "job:j2")),
        w.handled("n"));
    assertEquals(0, w.sim.cpuStats(n).rejected());
  }

  // ---- failures ----

  @Test
  void aThrowingMessageHandlerReportsSeedAndReplayCommand() {
    World w = new World(987_654_321L);
    w.sim.replayCommand("tradeoff replay lifecycle --seed 987654321");
    int a = w.add("a", IDLE);
    int b = w.add("b", IDLE);
    IllegalStateException boom = new IllegalStateException("boom");
    w.sendAt(MS, a, b, boom);

    SimulationException e = assertThrows(SimulationException.class, () -> w.sim.runUntil(10 * MS));
    assertFailureReport(e, "987654321", "tradeoff replay lifecycle --seed 987654321");
    assertTrue(e.getMessage().contains("message handler"), e.getMessage());
    assertTrue(e.getMessage().contains("node b"), e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void aThrowingTimerHandlerReportsSeedAndReplayCommand() {
    World w = new World(-5L);
    w.sim.replayCommand("mvn test -Dtest=LifecycleTest -Dseed=-5");
    w.add("n", p -> p.ctx.setTimer(MS, new ArithmeticException("tick")));

    SimulationException e = assertThrows(SimulationException.class, () -> w.sim.runUntil(10 * MS));
    assertFailureReport(e, "-5", "mvn test -Dtest=LifecycleTest -Dseed=-5");
    assertTrue(e.getMessage().contains("timer handler"), e.getMessage());
    assertTrue(e.getCause() instanceof ArithmeticException);
  }

  private static void assertFailureReport(SimulationException e, String seed, String replay) {
    String message = e.getMessage();
    assertNotNull(message);
    assertTrue(message.contains("seed " + seed), message);
    assertTrue(message.contains(replay), message);
  }
}
