package dev.tradeoff.patterns.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Lack of isolation between orchestrated sagas over two products' stock: {@code dirty-reads} fires
 * without a semantic lock and is quiet with one (which refuses reads instead), {@code lost-updates}
 * fires on read-then-write reservations and is quiet on commutative and re-read ones, all under the
 * same load and seed.
 */
class IsolationTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  private record Result(Saga.Built store, Simulation sim) {
    CheckResult check(String name) {
      return store.checker(name).orElseThrow().check(sim.history());
    }

    /** The inventory's semantic locks still held: saga id's log key to its lock record. */
    Map<String, Object> locksHeld() {
      var disk = sim.disk(sim.nodeId("saga-inventory"));
      Map<String, Object> held = new TreeMap<>();
      for (String k : disk.keys().subSet("q/", "q0")) {
        held.put(k, disk.get(k));
      }
      for (String k : disk.keys().subSet("l/", "l0")) {
        if ((Long) disk.get(k) != 0) {
          held.put(k, disk.get(k));
        }
      }
      return held;
    }

    long failedReads() {
      History h = sim.history();
      long n = 0;
      for (int op = 0; op < h.size(); op++) {
        if (h.kind(op) == OpKind.READ && h.status(op) == OpStatus.FAIL) {
          n++;
        }
      }
      return n;
    }
  }

  private static Result run(Map<String, Object> overrides) {
    return run(overrides, sim -> {});
  }

  /** 9 s of orders and reads from 3 s, quiet from 12 s to 20 s; {@code faults} schedules faults. */
  private static Result run(Map<String, Object> overrides, Consumer<Simulation> faults) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("coordination", "orchestration");
    o.put("products", 2L);
    o.put("reads", "stock");
    o.put("failures", "inventory.reserve=0.05, payment.charge=0.3");
    o.put("service", Distribution.exponential(2 * MS));
    o.putAll(overrides);
    Simulation sim = new Simulation(1);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    Saga.Built store = (Saga.Built) new Saga().build(ChoreographyTest.config(o));
    store.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(100),
            0.4,
            KeyDistribution.uniform(100),
            List.of(),
            3 * S,
            12 * S,
            store::client)
        .addTo(sim, "clients");
    faults.accept(sim);
    sim.runUntil(20 * S);
    return new Result(store, sim);
  }

  private static CheckResult verdict(Result r, String checker, Verdict expected) {
    CheckResult c = r.check(checker);
    assertEquals(expected, c.verdict(), c.toString());
    return c;
  }

  @Test
  void readersSeeReservationsThatWillBeReleasedUnlessASemanticLockRefusesThem() {
    Result open = run(Map.of());
    CheckResult dirty = verdict(open, "dirty-reads", Verdict.INVALID);
    assertTrue(dirty.toString().contains("released at"), dirty.toString());
    assertEquals(0, open.failedReads());
    verdict(open, "atomicity", Verdict.VALID);

    Result locked = run(Map.of("semanticLock", true));
    verdict(locked, "dirty-reads", Verdict.VALID);
    verdict(locked, "atomicity", Verdict.VALID);
    verdict(locked, "no-stuck-sagas", Verdict.VALID);
    assertTrue(locked.failedReads() > 0, "the lock's price: refused reads");
    assertEquals(locked.failedReads(), locked.store.ledger().refusedReads());
  }

  @Test
  void aReservationWrittenFromTheStockReadOnArrivalOverwritesAConcurrentOne() {
    CheckResult lost =
        verdict(run(Map.of("stockUpdate", "read-then-write")), "lost-updates", Verdict.INVALID);
    assertTrue(lost.toString().contains("is lost"), lost.toString());
    verdict(run(Map.of("stockUpdate", "reread")), "lost-updates", Verdict.VALID);
    verdict(run(Map.of()), "lost-updates", Verdict.VALID);
  }

  private static final Map<String, Object> LOCKED = Map.of("semanticLock", true);

  private static Consumer<Simulation> between(
      long fromNanos, long toNanos, Consumer<Simulation> on, Consumer<Simulation> off) {
    return sim -> {
      sim.schedule(fromNanos, () -> on.accept(sim));
      sim.schedule(toNanos, () -> off.accept(sim));
    };
  }

  private static int id(Simulation sim, String node) {
    return sim.nodeId(node);
  }

  /** A third of the orchestrator's messages to the inventory lost from 4 s to 10 s. */
  private static final Consumer<Simulation> LOSS =
      between(
          4 * S,
          10 * S,
          sim ->
              sim.network()
                  .linkLossRate(id(sim, "saga-coordinator-0"), id(sim, "saga-inventory"), 0.3),
          sim ->
              sim.network()
                  .linkLossRate(id(sim, "saga-coordinator-0"), id(sim, "saga-inventory"), 0));

  /**
   * The payment (the pivot) stalls from 5 s to 5.5 s, so sagas that reserved wait there, and pass
   * it while {@code fault} holds from 5.4 s to 6.5 s.
   */
  private static Consumer<Simulation> whilePivotResumes(
      Consumer<Simulation> fault, Consumer<Simulation> heal) {
    Consumer<Simulation> stall =
        sim -> sim.schedule(5 * S, () -> sim.pause(id(sim, "saga-payment"), 500 * MS));
    return stall.andThen(between(5_400 * MS, 6_500 * MS, fault, heal));
  }

  /**
   * The orchestrator and the inventory cut apart (messages lost) as stalled sagas pass the pivot.
   */
  private static final Consumer<Simulation> PARTITION =
      whilePivotResumes(
          sim ->
              sim.network()
                  .partition(
                      List.of(id(sim, "saga-coordinator-0")),
                      List.of(id(sim, "saga-inventory")),
                      PartitionMode.DROP),
          sim -> sim.network().healAll());

  /** The inventory down as stalled sagas pass the pivot. */
  private static final Consumer<Simulation> CRASH =
      whilePivotResumes(
          sim -> sim.crash(id(sim, "saga-inventory"), true),
          sim -> sim.restart(id(sim, "saga-inventory")));

  @Test
  void aLostConfirmDoesNotLeaveTheProductPendingForever() {
    Map<String, Consumer<Simulation>> faults = new LinkedHashMap<>();
    faults.put("loss", LOSS);
    faults.put("partition", PARTITION);
    faults.put("crash", CRASH);
    for (Map.Entry<String, Consumer<Simulation>> f : faults.entrySet()) {
      Result r = run(LOCKED, f.getValue());
      assertEquals(Map.of(), r.locksHeld(), f.getKey() + ": every lock released after the faults");
      verdict(r, "dirty-reads", Verdict.VALID);
      verdict(r, "atomicity", Verdict.VALID);
      assertTrue(r.failedReads() > 0, "the lock still refuses reads while pending");
    }
  }
}
