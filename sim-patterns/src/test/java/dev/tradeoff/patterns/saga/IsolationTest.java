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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
