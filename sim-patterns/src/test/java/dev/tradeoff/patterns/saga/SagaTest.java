package dev.tradeoff.patterns.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of the orchestrated saga: the step protocol (compensations, pivot, recovery from the
 * saga log), and each checker firing on a broken variant and staying quiet on the sound one under
 * the same load and faults.
 */
class SagaTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final List<String> ALL =
      List.of(
          "atomicity",
          "money-conserved",
          "stock-never-negative",
          "no-stuck-sagas",
          "paid-not-reserved",
          "double-charge");

  /** The knobs a test turns; the rest as the pattern's defaults. */
  private static final class Knobs {
    String steps = "order.create, inventory.reserve, payment.charge!, shipping.ship";
    String failures = "inventory.reserve=0.05, payment.charge=0.05";
    String compensations = "order.create=order.cancel, inventory.reserve=inventory.release";
    long stock = 1000;
    boolean keys = true;
    boolean durableLog = true;
    boolean atomicCharge = true;
    boolean stockCheck = true;
    double serviceMs = 1;

    Settings settings() {
      return new Settings(
          "saga",
          SagaDefinition.parse(steps, compensations, failures),
          1,
          "dc1",
          100,
          1000,
          10,
          20,
          stock,
          keys,
          durableLog,
          atomicCharge,
          stockCheck,
          200 * MS,
          3,
          50 * MS,
          5 * S,
          2,
          100_000,
          Distribution.exponential(serviceMs * MS),
          Distribution.exponential(0.1 * MS));
    }
  }

  private record Result(Saga.Built store, Simulation sim) {
    CheckResult check(String name) {
      return store.checker(name).orElseThrow().check(sim.history());
    }

    Ledger ledger() {
      return store.ledger();
    }

    NavigableMap<Long, Books.Row> rows(String service, int step) {
      return Books.rows(sim.disk(sim.nodeId(service)), step);
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

  /** 12 s of orders at {@code rate}, then 8 s of quiet; {@code faults} schedules the faults. */
  private static Result run(Knobs k, double rate, long seed, Consumer<Simulation> faults) {
    Simulation sim = new Simulation(seed);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    Saga.Built store = new Saga.Built(k.settings());
    store.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(rate),
            0.2,
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

  private static void valid(Result r, List<String> checkers) {
    for (String c : checkers) {
      CheckResult result = r.check(c);
      assertEquals(Verdict.VALID, result.verdict(), result.toString());
    }
  }

  private static CheckResult invalid(Result r, String checker) {
    CheckResult result = r.check(checker);
    assertEquals(Verdict.INVALID, result.verdict(), result.toString());
    return result;
  }

  private static Consumer<Simulation> crash(String node, long atNanos, long downNanos) {
    return sim -> {
      int id = sim.nodeId(node);
      sim.schedule(atNanos, () -> sim.crash(id, true));
      sim.schedule(atNanos + downNanos, () -> sim.restart(id));
    };
  }

  /** The inventory down for 2 s, and the orchestrator crashed while sagas wait on it. */
  private static final Consumer<Simulation> INVENTORY_THEN_ORCHESTRATOR =
      crash("saga-inventory", 4 * S, 2 * S).andThen(crash("saga-coordinator-0", 5 * S, S / 2));

  @Test
  void sagasCompleteOrCompensateThroughCrashesAndCompensationsUndoEveryStepDone() {
    Result r = run(new Knobs(), 100, 1, INVENTORY_THEN_ORCHESTRATOR);
    valid(r, ALL);
    Ledger l = r.ledger();
    assertTrue(l.completed() > 700, "completed " + l.completed());
    assertTrue(l.compensated() > 50, "compensated " + l.compensated());
    assertEquals(0, l.forward() + l.compensating(), "nothing in flight after the quiet period");
    NavigableMap<Long, Books.Row> orders = r.rows("saga-order", 0);
    NavigableMap<Long, Books.Row> reservations = r.rows("saga-inventory", 1);
    NavigableMap<Long, Books.Row> charges = r.rows("saga-payment", 2);
    NavigableMap<Long, Books.Row> shipments = r.rows("saga-shipping", 3);
    for (Ledger.Trace t : l.sagas().values()) {
      long order = net(orders, t.saga);
      long reserved = net(reservations, t.saga);
      long charged = net(charges, t.saga);
      long shipped = net(shipments, t.saga);
      String what = "saga " + t.saga + " ended " + t.phase;
      if (t.phase == Ledger.Phase.COMPLETED) {
        assertEquals(List.of(1L, 1L, 1L, 1L), List.of(order, reserved, charged, shipped), what);
      } else {
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(order, reserved, charged, shipped), what);
      }
    }
    assertTrue(r.count(OpKind.WRITE, OpStatus.FAIL) > 50, "compensated orders fail");
  }

  private static long net(NavigableMap<Long, Books.Row> rows, long saga) {
    Books.Row row = rows.get(saga);
    return row == null ? 0 : row.net();
  }

  @Test
  void withTheSagaLogInMemoryAnOrchestratorCrashStrandsTheSagasInFlight() {
    Knobs memory = new Knobs();
    memory.durableLog = false;
    Result lost = run(memory, 100, 1, INVENTORY_THEN_ORCHESTRATOR);
    CheckResult stuck = invalid(lost, "no-stuck-sagas");
    assertTrue(stuck.witnesses().get(0).contains("last step inventory.reserve"), stuck.toString());
    assertTrue(stuck.violations() > 10, stuck.toString());
    CheckResult half = invalid(lost, "atomicity");
    assertTrue(
        half.witnesses().get(0).contains("order.create ×1, inventory.reserve ×0"), half.toString());
    valid(run(new Knobs(), 100, 1, INVENTORY_THEN_ORCHESTRATOR), List.of("no-stuck-sagas"));
  }

  /** The payment service paused past the step timeout three times: charges are retried. */
  private static final Consumer<Simulation> PAYMENT_PAUSES =
      sim -> {
        int payment = sim.nodeId("saga-payment");
        for (long at : new long[] {4 * S, 7 * S, 10 * S}) {
          sim.schedule(at, () -> sim.pause(payment, 500 * MS));
        }
      };

  @Test
  void withoutIdempotencyKeysARetriedChargeChargesTwiceAndWithThemOnce() {
    Knobs noKeys = new Knobs();
    noKeys.keys = false;
    Result doubled = run(noKeys, 100, 1, PAYMENT_PAUSES);
    CheckResult twice = invalid(doubled, "double-charge");
    assertTrue(twice.witnesses().get(0).contains("2 times"), twice.toString());
    valid(doubled, List.of("money-conserved", "no-stuck-sagas", "stock-never-negative"));
    CheckResult atomicity = invalid(doubled, "atomicity");
    assertTrue(atomicity.witnesses().get(0).contains("payment.charge ×2"), atomicity.toString());
    Result once = run(new Knobs(), 100, 1, PAYMENT_PAUSES);
    valid(once, ALL);
  }

  @Test
  void withoutKeysARefusedRetryOfAChargeThatLandedReleasesStockThatWasPaidFor() {
    // A 30% refusal rate per attempt: a retry is often refused although its first attempt landed.
    Knobs noKeys = new Knobs();
    noKeys.keys = false;
    noKeys.failures = "payment.charge=0.3";
    CheckResult paid = invalid(run(noKeys, 100, 1, PAYMENT_PAUSES), "paid-not-reserved");
    assertTrue(paid.witnesses().get(0).contains("released 1×"), paid.toString());
    Knobs keys = new Knobs();
    keys.failures = "payment.charge=0.3";
    valid(run(keys, 100, 1, PAYMENT_PAUSES), ALL);
  }

  @Test
  void aChargeSplitInTwoTransactionsLosesMoneyWhenThePaymentServiceCrashesBetweenThem() {
    // A busy payment service (3 ms a transaction) crashed every second: some crash falls between
    // a debit and its credit.
    Consumer<Simulation> crashes = sim -> {};
    for (long at = 3 * S; at <= 12 * S; at += S) {
      crashes = crashes.andThen(crash("saga-payment", at, 100 * MS));
    }
    Knobs split = new Knobs();
    split.atomicCharge = false;
    split.serviceMs = 3;
    CheckResult money = invalid(run(split, 200, 1, crashes), "money-conserved");
    assertTrue(money.witnesses().get(0).contains("lost"), money.toString());
    Knobs atomic = new Knobs();
    atomic.serviceMs = 3;
    valid(run(atomic, 200, 1, crashes), ALL);
  }

  @Test
  void reservationsWithoutAStockCheckDriveStockNegative() {
    Knobs unchecked = new Knobs();
    unchecked.stock = 20;
    unchecked.stockCheck = false;
    CheckResult negative =
        invalid(run(unchecked, 100, 1, INVENTORY_THEN_ORCHESTRATOR), "stock-never-negative");
    assertTrue(negative.witnesses().get(0).contains("fell to -"), negative.toString());
    Knobs checked = new Knobs();
    checked.stock = 20;
    Result sound = run(checked, 100, 1, INVENTORY_THEN_ORCHESTRATOR);
    valid(sound, ALL);
    assertTrue(sound.ledger().compensated() > 300, "out of stock compensates the rest");
  }

  @Test
  void compensationsRunInReverseOrderOverTheStepsDoneAndSkipStepsWithoutOne() {
    // Five steps before the pivot, the third without a compensation; the fifth and the pivot fail
    // often, so sagas compensate from different depths.
    Knobs k = new Knobs();
    k.steps = "a.create, b.reserve, c.note, d.hold, e.check, payment.charge!, f.ship";
    k.compensations = "a.create=a.cancel, b.reserve=b.release, d.hold=d.free, e.check=e.undo";
    k.failures = "b.reserve=0.1, e.check=0.2, payment.charge=0.2";
    Result r = run(k, 100, 3, crash("saga-d", 4 * S, S));
    valid(r, ALL);
    long checked = 0;
    for (Ledger.Trace t : r.ledger().sagas().values()) {
      if (t.phase != Ledger.Phase.COMPENSATED || t.compensations.isEmpty()) {
        continue;
      }
      int from = t.compensations.get(0);
      List<Integer> expected = new java.util.ArrayList<>();
      for (int s = from; s >= 0; s--) {
        if (s != 2) {
          expected.add(s);
        }
      }
      assertEquals(expected, t.compensations, "saga " + t.saga);
      checked++;
    }
    assertTrue(checked > 100, checked + " compensated sagas");
  }

  @Test
  void pastThePivotARefusalIsRetriedUntilTheStepSucceeds() {
    Knobs flaky = new Knobs();
    flaky.failures = "shipping.ship=0.5";
    Result r = run(flaky, 100, 1, s -> {});
    valid(r, ALL);
    NavigableMap<Long, Books.Row> charges = r.rows("saga-payment", 2);
    NavigableMap<Long, Books.Row> shipments = r.rows("saga-shipping", 3);
    for (Books.Row c : charges.values()) {
      assertEquals(1, net(shipments, c.saga()), "saga " + c.saga() + " was charged, so it ships");
    }
    assertEquals(charges.size(), r.ledger().completed());
  }
}
