package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TimerTest {
  private static final long MS = 1_000_000L;

  /** A timer that fired: when, on which incarnation, its id and payload. */
  record Fire(long atNanos, int boot, long timerId, Object payload) {}

  /** Runs a script at start and logs every timer it gets. */
  static final class Ticker implements Node {
    private final Simulation sim;
    private final int boot;
    private final List<Fire> fires;
    private final Consumer<Ticker> script;
    Context ctx;

    Ticker(Simulation sim, int boot, List<Fire> fires, Consumer<Ticker> script) {
      this.sim = sim;
      this.boot = boot;
      this.fires = fires;
      this.script = script;
    }

    @Override
    public void onStart(Context ctx) {
      this.ctx = ctx;
      script.accept(this);
    }

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onTimer(long timerId, Object payload) {
      fires.add(new Fire(sim.nowNanos(), boot, timerId, payload));
    }
  }

  private static int ticker(
      Simulation sim, String name, List<Fire> fires, Consumer<Ticker> script) {
    int[] boots = new int[1];
    return sim.addNode(NodeSpec.of(name, "z", () -> new Ticker(sim, ++boots[0], fires, script)));
  }

  private static Context ctx(Simulation sim, int node) {
    return ((Ticker) sim.nodeInstance(node)).ctx;
  }

  private static List<Object> payloads(List<Fire> fires) {
    List<Object> payloads = new ArrayList<>();
    for (Fire f : fires) {
      payloads.add(f.payload());
    }
    return payloads;
  }

  @Test
  void aTimerFiresAfterItsDelayWithItsIdAndPayload() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    long[] id = new long[1];
    ticker(sim, "n", fires, t -> id[0] = t.ctx.setTimer(7 * MS, "payload"));
    sim.runUntil(100 * MS);

    assertEquals(List.of(new Fire(7 * MS, 1, id[0], "payload")), fires);
  }

  @Test
  void cancelReturnsTrueOnceAndPreventsFiring() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    List<Boolean> results = new ArrayList<>();
    ticker(
        sim,
        "n",
        fires,
        t -> {
          long cancelled = t.ctx.setTimer(10 * MS, "cancelled");
          t.ctx.setTimer(20 * MS, "kept");
          results.add(t.ctx.cancelTimer(cancelled));
          results.add(t.ctx.cancelTimer(cancelled));
        });
    sim.runUntil(100 * MS);

    assertEquals(List.of(true, false), results);
    assertEquals(List.of("kept"), payloads(fires));
  }

  @Test
  void cancelFromALaterEventBeforeTheTimerIsDue() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    long[] id = new long[1];
    int n = ticker(sim, "n", fires, t -> id[0] = t.ctx.setTimer(10 * MS, "x"));
    List<Boolean> results = new ArrayList<>();
    sim.schedule(9 * MS, () -> results.add(ctx(sim, n).cancelTimer(id[0])));
    sim.runUntil(100 * MS);

    assertEquals(List.of(true), results);
    assertEquals(List.of(), fires);
  }

  @Test
  void cancellingAFiredTimerReturnsFalse() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    long[] id = new long[1];
    int n = ticker(sim, "n", fires, t -> id[0] = t.ctx.setTimer(10 * MS, "x"));
    sim.runUntil(20 * MS);
    assertEquals(1, fires.size());

    assertFalse(ctx(sim, n).cancelTimer(id[0]));
  }

  /** Slots are reused, so a stale id may point at a slot that now holds another timer. */
  @Test
  void idsOfFiredTimersCannotCancelTimersSetLater() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    List<Long> old = new ArrayList<>();
    int n =
        ticker(
            sim,
            "n",
            fires,
            t -> {
              for (int i = 1; i <= 100; i++) {
                old.add(t.ctx.setTimer(i * 1_000L, "old"));
              }
            });
    List<Boolean> results = new ArrayList<>();
    sim.schedule(
        5 * MS,
        () -> {
          Context ctx = ctx(sim, n);
          for (int i = 0; i < 100; i++) {
            ctx.setTimer(MS, "new");
          }
          for (long id : old) {
            results.add(ctx.cancelTimer(id));
          }
        });
    sim.runUntil(100 * MS);

    assertEquals(100, results.size());
    assertTrue(results.stream().noneMatch(r -> r), "a stale id cancelled a live timer");
    assertEquals(200, fires.size());
    assertEquals(100, fires.stream().filter(f -> f.payload().equals("new")).count());
  }

  @Test
  void cancellingUnknownIdsReturnsFalseAndCancelsNothing() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    long[] id = new long[1];
    int n = ticker(sim, "n", fires, t -> id[0] = t.ctx.setTimer(10 * MS, "live"));
    sim.runUntil(0);
    Context ctx = ctx(sim, n);
    long live = id[0];

    assertFalse(ctx.cancelTimer(-1L));
    assertFalse(ctx.cancelTimer(Long.MAX_VALUE));
    assertFalse(ctx.cancelTimer(Long.MIN_VALUE));
    assertFalse(ctx.cancelTimer(live + (1L << 32)), "same slot, other generation");
    assertFalse(ctx.cancelTimer(live - (1L << 32)), "same slot, other generation");
    assertFalse(ctx.cancelTimer(live + 1), "other slot");
    sim.runUntil(100 * MS);

    assertEquals(List.of("live"), payloads(fires));
  }

  @Test
  void aNodeCannotCancelAnotherNodesTimer() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    long[] id = new long[1];
    ticker(sim, "owner", fires, t -> id[0] = t.ctx.setTimer(10 * MS, "owned"));
    int other = ticker(sim, "other", new ArrayList<>(), t -> {});
    sim.runUntil(0);

    assertFalse(ctx(sim, other).cancelTimer(id[0]));
    sim.runUntil(100 * MS);
    assertEquals(List.of("owned"), payloads(fires));
  }

  @Test
  void aTimerIdFromBeforeACrashCannotCancelAnythingAfterRestart() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<Boolean> results = new ArrayList<>();
    int n =
        ticker(
            sim,
            "n",
            fires,
            t -> {
              if (!ids.isEmpty()) {
                results.add(t.ctx.cancelTimer(ids.get(0)));
              }
              ids.add(t.ctx.setTimer(30 * MS, "boot-" + t.boot));
            });
    sim.schedule(10 * MS, () -> sim.crash(n));
    sim.schedule(20 * MS, () -> sim.restart(n));
    // By 40 ms the old timer's slot has been popped and freed, so new timers may reuse it.
    sim.schedule(
        40 * MS,
        () -> {
          for (int i = 0; i < 20; i++) {
            ids.add(ctx(sim, n).setTimer(5 * MS, "reuser"));
          }
          results.add(ctx(sim, n).cancelTimer(ids.get(0)));
        });
    sim.runUntil(200 * MS);

    assertEquals(List.of(false, false), results);
    List<Object> expected = new ArrayList<>(Collections.nCopies(20, "reuser"));
    expected.add("boot-2");
    assertEquals(expected, payloads(fires));
    assertEquals(22, new TreeSet<>(ids).size(), "timer ids are unique within the run");
  }

  @Test
  void equalTimeTimersFireInTheOrderSet() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    int n =
        ticker(
            sim,
            "n",
            fires,
            t -> {
              for (int i = 0; i < 50; i++) {
                t.ctx.setTimer(10 * MS, i);
              }
            });
    sim.schedule(4 * MS, () -> ctx(sim, n).setTimer(6 * MS, "later-set-same-due"));
    sim.runUntil(100 * MS);

    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      expected.add(i);
    }
    expected.add("later-set-same-due");
    assertEquals(expected, payloads(fires));
    assertTrue(fires.stream().allMatch(f -> f.atNanos() == 10 * MS));
  }

  @Test
  void timerIdsAreUnique() {
    Simulation sim = new Simulation(1);
    Set<Long> ids = new TreeSet<>();
    ticker(
        sim,
        "n",
        new ArrayList<>(),
        t -> {
          for (int i = 0; i < 5_000; i++) {
            ids.add(t.ctx.setTimer(i % 7, i));
          }
        });
    sim.runUntil(MS);
    assertEquals(5_000, ids.size());
  }

  @Test
  void aZeroDelayTimerFiresAtTheSameInstantAfterTheCurrentHandler() {
    Simulation sim = new Simulation(1);
    List<Fire> fires = new ArrayList<>();
    List<String> order = new ArrayList<>();
    int n =
        ticker(
            sim,
            "n",
            fires,
            t -> {
              t.ctx.setTimer(0, "now");
              order.add("start returned");
            });
    sim.runUntil(0);

    assertEquals(List.of("start returned"), order);
    assertEquals(List.of(new Fire(0, 1, fires.get(0).timerId(), "now")), fires);
    assertTrue(sim.isUp(n));
  }

  @Test
  void aNegativeDelayIsRejected() {
    Simulation sim = new Simulation(1);
    ticker(sim, "n", new ArrayList<>(), t -> t.ctx.setTimer(-1, "bad"));
    SimulationException e = assertThrows(SimulationException.class, () -> sim.runUntil(MS));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
  }
}
