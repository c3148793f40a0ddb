package dev.tradeoff.patterns.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.HistoryCheckers;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.eventsourcing.Settings.Concurrency;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of the event-sourced system: the command and load protocol, and each checker firing on
 * a broken variant and staying quiet on the sound one under the same load and faults.
 */
class EventSourcingTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  /** A variant: handler count, snapshot interval, cache, concurrency and store sync interval. */
  private record Variant(
      int handlers,
      int snapshotEvery,
      boolean cache,
      Concurrency concurrency,
      long syncNanos,
      boolean locks) {
    static Variant sound(int handlers) {
      return new Variant(handlers, 0, false, Concurrency.EXPECTED_VERSION, 0, true);
    }

    Variant unlocked() {
      return new Variant(handlers, snapshotEvery, cache, concurrency, syncNanos, false);
    }

    Variant snapshots(int every) {
      return new Variant(handlers, every, cache, concurrency, syncNanos, locks);
    }

    Variant cached() {
      return new Variant(handlers, snapshotEvery, true, concurrency, syncNanos, locks);
    }

    Variant unchecked() {
      return new Variant(handlers, snapshotEvery, cache, Concurrency.NONE, syncNanos, locks);
    }

    Variant syncEvery(long nanos) {
      return new Variant(handlers, snapshotEvery, cache, concurrency, nanos, locks);
    }

    Settings settings() {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < handlers; i++) {
        names.add("es-handler-" + i);
      }
      return new Settings(
          "es",
          names,
          "dc1",
          2,
          100_000,
          Distribution.exponential(0.2 * MS),
          20_000,
          200_000,
          snapshotEvery,
          cache,
          locks,
          3,
          concurrency,
          2,
          100_000,
          Distribution.exponential(0.1 * MS),
          2_000,
          syncNanos,
          S);
    }
  }

  private record Result(EventSourcing.Built store, Simulation sim) {
    CheckResult check(String name) {
      return store.checker(name).orElseThrow().check(sim.history());
    }

    CheckResult history(String name) {
      return HistoryCheckers.create(name).orElseThrow().check(sim.history());
    }

    Ledger ledger() {
      return store.ledger();
    }

    long count(OpKind kind, OpStatus status) {
      History h = sim.history();
      long n = 0;
      for (int op = 0; op < h.size(); op++) {
        if (h.kind(op) == kind && h.status(op) == status) {
          n++;
        }
      }
      return n;
    }
  }

  private static Result run(Variant v, int keys, double rate, long seed, Consumer<Simulation> f) {
    Simulation sim = new Simulation(seed);
    sim.network()
        .defaultLatency(Distribution.shifted(0.1 * MS, Distribution.exponential(0.2 * MS)));
    EventSourcing.Built store = new EventSourcing.Built(v.settings());
    store.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(rate),
            0.5,
            KeyDistribution.uniform(keys),
            List.of(),
            S,
            6 * S,
            store::client)
        .addTo(sim, "clients");
    f.accept(sim);
    sim.runUntil(8 * S);
    return new Result(store, sim);
  }

  private static Result run(Variant v, int keys, double rate) {
    return run(v, keys, rate, 1, sim -> {});
  }

  private static void valid(Result r, String... checkers) {
    for (String c : checkers) {
      CheckResult result = r.check(c);
      assertEquals(Verdict.VALID, result.verdict(), result.toString());
    }
  }

  @Test
  void everyAcknowledgedCommandIsInItsStreamInOrderAndReadsAreLinearizable() {
    Result r = run(Variant.sound(3), 50, 400);
    valid(r, "lost-events", "stream-order", "aggregate-fold");
    assertEquals(Verdict.VALID, r.history("linearizability").verdict());
    assertTrue(r.count(OpKind.WRITE, OpStatus.OK) > 900, "most commands succeed");
    StreamLog log = StreamLog.read(r.sim().disk(r.sim().nodeId("es-store")));
    assertTrue(log.events() >= r.count(OpKind.WRITE, OpStatus.OK));
    assertEquals(0, log.snapshots(), "snapshots are off");
  }

  @Test
  void racingHandlersConflictAndRetryAndNoUpdateIsLost() {
    Result r = run(Variant.sound(4).snapshots(10).cached(), 3, 800);
    System.out.printf(
        "racing: %d conflicts, %d retries, %d ok, %d failed commands, %d snapshots; %s; %s%n",
        r.ledger().conflicts(),
        r.ledger().retries(),
        r.count(OpKind.WRITE, OpStatus.OK),
        r.count(OpKind.WRITE, OpStatus.FAIL),
        r.ledger().snapshots(),
        r.check("stream-order"),
        r.check("aggregate-fold"));
    assertTrue(r.ledger().conflicts() > 50, "conflicts: " + r.ledger().conflicts());
    assertTrue(r.ledger().retries() > 50, "retries: " + r.ledger().retries());
    valid(r, "lost-events", "stream-order", "aggregate-fold");
    assertTrue(r.ledger().snapshots() > 100, "snapshots: " + r.ledger().snapshots());
  }

  @Test
  void withoutExpectedVersionChecksRacingCommandsLoseUpdatesAndSnapshotsDiverge() {
    // The same race as above, against a store that takes every append.
    Result r = run(Variant.sound(4).snapshots(10).unchecked(), 3, 800);
    assertEquals(0, r.ledger().conflicts());
    System.out.printf("unchecked: %s%n%s%n", r.check("stream-order"), r.check("aggregate-fold"));
    CheckResult order = r.check("stream-order");
    assertEquals(Verdict.INVALID, order.verdict(), order.toString());
    assertTrue(
        order.witnesses().stream().anyMatch(w -> w.contains("is not versions 1..")),
        order.toString());
    assertTrue(
        order.witnesses().stream().anyMatch(w -> w.endsWith("a lost update")), order.toString());
    CheckResult fold = r.check("aggregate-fold");
    assertEquals(Verdict.INVALID, fold.verdict(), fold.toString());
    valid(r, "lost-events"); // every event is in the stream; they just trample each other
  }

  @Test
  void snapshotsBoundTheEventsReplayedPerLoad() {
    Result none = run(Variant.sound(3), 2, 400);
    Result every10 = run(Variant.sound(3).snapshots(10), 2, 400);
    double replayedNone = (double) none.ledger().replayed() / none.ledger().loads();
    double replayed10 = (double) every10.ledger().replayed() / every10.ledger().loads();
    // Streams grow to about 600 events each: a full replay averages hundreds, a snapshot load at
    // most the 9 events after it (plus any written while its snapshot was on its way).
    System.out.printf(
        "replayed per load: %.1f without snapshots, %.1f every 10; load %.2f ms vs %.2f ms%n",
        replayedNone,
        replayed10,
        none.ledger().loadNanos() / 1e6 / none.ledger().loads(),
        every10.ledger().loadNanos() / 1e6 / every10.ledger().loads());
    assertTrue(replayedNone > 200, "without snapshots: " + replayedNone);
    assertTrue(replayed10 < 10, "with snapshots every 10: " + replayed10);
    assertTrue(
        every10.ledger().loadNanos() / every10.ledger().loads()
            < none.ledger().loadNanos() / none.ledger().loads() / 2,
        "rebuilding is cheaper from snapshots");
    valid(every10, "lost-events", "stream-order", "aggregate-fold");
  }

  @Test
  void acknowledgingBeforeTheSyncLosesEventsAtAStoreCrashAndSyncingEachAppendLosesNone() {
    Consumer<Simulation> crash =
        sim -> {
          int store = sim.nodeId("es-store");
          sim.schedule(3 * S, () -> sim.crash(store, true));
          sim.schedule(3 * S + 300 * MS, () -> sim.restart(store));
        };
    Result lazy = run(Variant.sound(3).syncEvery(500 * MS), 50, 400, 1, crash);
    CheckResult lost = lazy.check("lost-events");
    System.out.printf("lazy sync: %s%n%s%n", lost, lazy.check("aggregate-fold"));
    assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
    assertTrue(lost.witnesses().get(0).contains("absent from its final stream"), lost.toString());
    Result synced = run(Variant.sound(3), 50, 400, 1, crash);
    valid(synced, "lost-events", "stream-order", "aggregate-fold");
    assertTrue(synced.count(OpKind.WRITE, OpStatus.INFO) > 0, "the crash left commands unknown");
  }

  @Test
  void aHandlerCrashLosesItsCacheAndCommandsInFlightButNoAcknowledgedEvent() {
    Consumer<Simulation> crash =
        sim -> {
          int handler = sim.nodeId("es-handler-1");
          sim.schedule(3 * S, () -> sim.crash(handler, false));
          sim.schedule(4 * S, () -> sim.restart(handler));
        };
    Result r = run(Variant.sound(3).snapshots(10).cached(), 5, 600, 2, crash);
    valid(r, "lost-events", "stream-order", "aggregate-fold");
    assertTrue(r.count(OpKind.WRITE, OpStatus.INFO) + r.count(OpKind.READ, OpStatus.INFO) > 0);
  }

  @Test
  void aCompareAndSetIsValidatedAgainstTheRebuiltState() {
    Simulation sim = new Simulation(3);
    sim.network().defaultLatency(Distribution.constant(0.1 * MS));
    EventSourcing.Built store = new EventSourcing.Built(Variant.sound(1).settings());
    store.addTo(sim);
    History h = sim.history();
    List<Integer> ops = new ArrayList<>();
    sim.addNode(
        dev.tradeoff.core.NodeSpec.of(
            "client",
            "dc1",
            () ->
                new dev.tradeoff.core.Node() {
                  private dev.tradeoff.core.workload.StoreClient driver;

                  @Override
                  public void onStart(dev.tradeoff.core.Context ctx) {
                    driver = store.client(0);
                    driver.start(ctx);
                    int w = h.invoke(ctx.self(), OpKind.WRITE, 7, 100, sim.nowNanos());
                    driver.submit(
                        new dev.tradeoff.core.workload.Request(
                            w, OpKind.WRITE, 7, 100, History.NIL));
                    ops.add(w);
                  }

                  @Override
                  public void onMessage(int from, Object message) {
                    var r = driver.onMessage(from, message);
                    if (r == null) {
                      return;
                    }
                    h.complete(r.op(), r.status(), r.value(), sim.nowNanos());
                    if (ops.size() == 1) {
                      int bad = h.invokeCas(0, 7, 99, 101, sim.nowNanos());
                      int good = h.invokeCas(0, 7, 100, 102, sim.nowNanos());
                      ops.add(bad);
                      ops.add(good);
                      driver.submit(
                          new dev.tradeoff.core.workload.Request(bad, OpKind.CAS, 7, 101, 99));
                      driver.submit(
                          new dev.tradeoff.core.workload.Request(good, OpKind.CAS, 7, 102, 100));
                    }
                  }
                }));
    sim.runUntil(S);
    assertEquals(OpStatus.OK, h.status(ops.get(0)));
    assertEquals(OpStatus.FAIL, h.status(ops.get(1)), "expected 99, the state is 100");
    assertEquals(OpStatus.OK, h.status(ops.get(2)));
    List<Event> stream = StreamLog.read(sim.disk(sim.nodeId("es-store"))).stream(7);
    assertEquals(List.of(100L, 102L), stream.stream().map(Event::value).toList());
  }

  @Test
  void oneHandlerLockingItsAggregatesNeverConflictsAndWithoutLocksItsOwnCommandsRace() {
    Result locked = run(Variant.sound(1).cached(), 3, 800);
    assertEquals(0, locked.ledger().conflicts());
    assertEquals(Verdict.VALID, locked.history("linearizability").verdict(), "its cache is fresh");
    Result unlocked = run(Variant.sound(1).unlocked(), 3, 800);
    assertTrue(unlocked.ledger().conflicts() > 50, "conflicts: " + unlocked.ledger().conflicts());
    valid(unlocked, "lost-events", "stream-order", "aggregate-fold");
  }
}
