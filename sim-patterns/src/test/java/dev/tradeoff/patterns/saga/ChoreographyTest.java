package dev.tradeoff.patterns.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternDefaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of the choreographed saga ({@code coordination=choreography}): services reacting to
 * each other's events on the log, judged by the orchestrated saga's checkers, each firing on a
 * broken variant and quiet on the sound one under the same load and faults.
 */
class ChoreographyTest {
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

  /** The pattern's defaults under choreography, with {@code overrides}. */
  static Config config(Map<String, Object> overrides) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("coordination", "choreography");
    values.put("failures", "inventory.reserve=0.05, payment.charge=0.05");
    values.putAll(overrides);
    return PatternDefaults.config(new Saga(), values);
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
  }

  /** 12 s of orders at 100/s, then 8 s of quiet; {@code faults} schedules the faults. */
  private static Result run(Map<String, Object> overrides, long seed, Consumer<Simulation> faults) {
    Simulation sim = new Simulation(seed);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    Saga.Built store = (Saga.Built) new Saga().build(config(overrides));
    store.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(100),
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

  private static Consumer<Simulation> pause(String node, long atNanos, long forNanos) {
    return sim -> {
      int id = sim.nodeId(node);
      sim.schedule(atNanos, () -> sim.pause(id, forNanos));
    };
  }

  /** The payment service stalls past the step timeout, a listener and the inventory crash. */
  private static final Consumer<Simulation> FAULTS =
      pause("saga-payment", 4 * S, 600 * MS)
          .andThen(crash("saga-log-listener-0", 6 * S, S))
          .andThen(crash("saga-inventory", 8 * S, S));

  @Test
  void servicesReactingToEventsCompleteOrCompensateEverySagaThroughStallsAndCrashes() {
    Result r = run(Map.of(), 1, FAULTS);
    valid(r, ALL);
    Ledger l = r.ledger();
    assertTrue(l.completed() > 700, "completed " + l.completed());
    assertTrue(l.compensated() > 50, "compensated " + l.compensated());
    assertTrue(l.retries() > 0, "the stall made listeners hand events over again");
    assertEquals(0, l.forward() + l.compensating(), "nothing in flight after the quiet period");
    for (Ledger.Trace t : l.sagas().values()) {
      List<Long> standing = new java.util.ArrayList<>();
      String[] services = {"saga-order", "saga-inventory", "saga-payment", "saga-shipping"};
      for (int step = 0; step < 4; step++) {
        Books.Row row = r.rows(services[step], step).get(t.saga);
        standing.add(row == null ? 0L : row.net());
      }
      long expected = t.phase == Ledger.Phase.COMPLETED ? 1 : 0;
      assertEquals(List.of(expected, expected, expected, expected), standing, "saga " + t.saga);
    }
  }

  @Test
  void consumersThatDoNotDeduplicateOnTheEventIdChargeTwiceWhenAnEventIsHandedOverAgain() {
    Result r = run(Map.of("idempotencyKeys", false), 1, FAULTS);
    CheckResult c = invalid(r, "double-charge");
    assertTrue(c.toString().contains("times"), c.toString());
  }

  @Test
  void withoutAnOutboxAServiceCrashLosesEventsAndStrandsTheirSagas() {
    // The log stalls, so the events of the orders saga-order takes wait in its producer; then it
    // crashes.
    Consumer<Simulation> crash =
        pause("saga-log-broker-0", 4500 * MS, S)
            .andThen(pause("saga-log-broker-1", 4500 * MS, S))
            .andThen(pause("saga-log-broker-2", 4500 * MS, S))
            .andThen(crash("saga-order", 5 * S, S));
    Result dual = run(Map.of("outbox", false), 1, crash);
    CheckResult stuck = invalid(dual, "no-stuck-sagas");
    assertTrue(stuck.toString().contains("inventory.reserve (forward)"), stuck.toString());
    Result outbox = run(Map.of(), 1, crash);
    valid(outbox, ALL);
  }
}
