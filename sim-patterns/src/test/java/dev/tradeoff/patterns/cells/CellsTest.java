package dev.tradeoff.patterns.cells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternDefaults;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.catalog.PatternCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellsTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final Cells CELLS = new Cells();

  private static Backend singleNode() {
    var spec = PatternCatalog.find("single-node").orElseThrow();
    return new Backend(
        spec,
        PatternDefaults.config(
            spec, Map.of("workers", 2L, "service", Distribution.exponential(0.2 * MS))));
  }

  private static Config config(Map<String, Object> overrides) {
    Map<String, Object> values = new LinkedHashMap<>(overrides);
    values.put("backend", singleNode());
    return PatternDefaults.config(CELLS, values);
  }

  private record Run(CellsStore store, Simulation sim) {
    CheckResult check(String name) {
      return store.checker(name).orElseThrow().check(sim.history());
    }
  }

  /** Two customers (64 keys) over 3 cells, {@code rate} operations a second for 3 s. */
  private static Run run(long seed, Map<String, Object> overrides) {
    return run(seed, overrides, 600);
  }

  private static Run run(long seed, Map<String, Object> overrides, double rate) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("cells", 3L);
    values.put("customers", 2L);
    values.put("keySpace", 64L);
    values.putAll(overrides);
    CellsStore store = (CellsStore) CELLS.build(config(values));
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.exponential(0.3 * MS));
    store.addTo(sim);
    new Workload(
            4,
            Arrivals.poisson(rate),
            0.5,
            KeyDistribution.uniform(64),
            List.of(),
            S,
            3 * S,
            store::client)
        .addTo(sim, "clients");
    sim.runUntil(4 * S);
    return new Run(store, sim);
  }

  @Test
  void eachCellsBackendCheckersRunPerCellOverTheOperationsThatCellTook() {
    var lf = PatternCatalog.find("leader-follower").orElseThrow();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("cells", 2L);
    values.put("customers", 4L);
    values.put("keySpace", 40L);
    values.put("moves", "1->0@1s, 2->1@1500ms");
    values.put("backend", new Backend(lf, PatternDefaults.config(lf, Map.of())));
    CellsStore store = (CellsStore) CELLS.build(PatternDefaults.config(CELLS, values));
    assertEquals(
        List.of("lost-writes", "split-brain", "convergence", "single-home", "blast-radius"),
        store.checkerNames());
    Simulation sim = new Simulation(3);
    sim.network().defaultLatency(Distribution.exponential(0.3 * MS));
    store.addTo(sim);
    new Workload(
            2,
            Arrivals.poisson(200),
            0.5,
            KeyDistribution.uniform(40),
            List.of(),
            S,
            3 * S,
            store::client)
        .addTo(sim, "clients");
    sim.runUntil(4 * S);
    assertEquals(2, store.ledger().finished());
    for (String name : List.of("lost-writes", "split-brain", "convergence", "single-home")) {
      CheckResult r = store.checker(name).orElseThrow().check(sim.history());
      assertEquals(Verdict.VALID, r.verdict(), r.toString());
    }
    CheckResult lost = store.checker("lost-writes").orElseThrow().check(sim.history());
    assertTrue(lost.detail().startsWith("cell 0: valid; cell 1: valid"), lost.detail());
  }

  /**
   * A cell as the issue draws it: a service tier in front of a write-through cache in front of a
   * three-replica leader/follower database. Cell 1's database leader crashes at 1.5 s: the cell
   * fails over, and every operation that did not succeed belongs to a customer of cell 1.
   */
  @Test
  void aCellIsAWholeStackAndAFaultInOneCellStaysInIt() {
    var lf = PatternCatalog.find("leader-follower").orElseThrow();
    var cached = PatternCatalog.find("cached").orElseThrow();
    var service = PatternCatalog.find("service").orElseThrow();
    Backend db =
        new Backend(
            lf,
            PatternDefaults.config(
                lf, Map.of("mode", "semi-sync", "failover", true, "electionTimeout", 300 * MS)));
    Backend cache =
        new Backend(
            cached,
            PatternDefaults.config(cached, Map.of("policy", "write-through", "backend", db)));
    Backend tier =
        new Backend(
            service,
            PatternDefaults.config(
                service,
                Map.of("name", "svc", "instances", 2L, "concurrency", 8L, "backend", cache)));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("cells", 3L);
    values.put("customers", 6L);
    values.put("keySpace", 60L);
    values.put("backend", tier);
    CellsStore store = (CellsStore) CELLS.build(PatternDefaults.config(CELLS, values));
    assertTrue(
        store.nodes().containsAll(List.of("c0-svc-0", "c0-cache-0", "c0-db-0", "c2-db-2")),
        store.nodes().toString());
    Simulation sim = new Simulation(5);
    sim.network().defaultLatency(Distribution.exponential(0.3 * MS));
    store.addTo(sim);
    new Workload(
            4,
            Arrivals.poisson(400),
            0.5,
            KeyDistribution.uniform(60),
            List.of(),
            S,
            3 * S,
            store::client)
        .addTo(sim, "clients");
    sim.schedule(1_500 * MS, () -> sim.crash(sim.nodeId("c1-db-0"), false));
    sim.runUntil(4 * S);
    for (String name : List.of("lost-writes", "split-brain", "single-home")) {
      CheckResult r = store.checker(name).orElseThrow().check(sim.history());
      assertEquals(Verdict.VALID, r.verdict(), r.toString());
    }
    var h = sim.history();
    int failed = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.status(op) != dev.tradeoff.core.history.OpStatus.OK) {
        failed++;
        int customer = (int) Math.floorMod(h.key(op), 6L);
        assertEquals(1, store.map().home(customer), "op " + op + " of customer " + customer);
      }
    }
    assertTrue(failed > 0, "the crash cost cell 1 something");
  }

  @Test
  void eachCellIsAStackWithItsOwnNamesAndZone() {
    Store store = CELLS.build(config(Map.of("cells", 3L)));
    assertEquals(List.of("c0-db", "c1-db", "c2-db"), store.nodes());
    assertEquals(List.of("cell-0", "cell-1", "cell-2"), store.zones());
    Store moving = CELLS.build(config(Map.of("cells", 2L, "moves", "1->0@1s")));
    assertEquals(List.of("c0-db", "c1-db", "cell-mover"), moving.nodes());
    assertEquals(List.of("cell-0", "cell-1", "cell-control"), moving.zones());
  }

  @Test
  void theTableOverridesTheHashForTheCustomersItNames() {
    CellsStore hashed = (CellsStore) CELLS.build(config(Map.of("cells", 8L, "customers", 200L)));
    CellsStore tabled =
        (CellsStore)
            CELLS.build(
                config(Map.of("cells", 8L, "customers", 200L, "router", "table", "table", "7:2")));
    int moved = 0;
    for (int c = 0; c < 200; c++) {
      if (c != 7) {
        moved += hashed.map().home(c) == tabled.map().home(c) ? 0 : 1;
      }
    }
    assertEquals(0, moved);
    assertEquals(2, tabled.map().home(7));
    for (int cell = 0; cell < 8; cell++) { // a hash spreads 200 customers roughly evenly
      int n = hashed.map().customersIn(cell);
      assertTrue(n > 10 && n < 45, "cell " + cell + " has " + n);
    }
  }

  @Test
  void badSchedulesAreRefusedNamingTheField() {
    long run = 10 * S;
    assertArrayEquals(
        new String[] {"table", "customer 7 names cell 9, but there are 8 cells (0..7)"},
        CELLS.validate(config(Map.of("cells", 8L, "router", "table", "table", "7:9")), run));
    assertArrayEquals(
        new String[] {
          "moves", "the move of customer 3 at 12s is at or after the end of the run (10s)"
        },
        CELLS.validate(config(Map.of("moves", "3->1@12s")), run));
    assertArrayEquals(
        new String[] {
          "stepInterval",
          "the last rollout step (the 4th cell at 16s) is at or after the end of the run (10s)"
        },
        CELLS.validate(
            config(Map.of("deploy", "cell-by-cell", "deployAt", S, "stepInterval", 5 * S)), run));
    assertEquals(
        "deployTo",
        CELLS
            .validate(
                config(Map.of("deploy", "canary", "deployTo", "svc", "stepInterval", S)), run)[0]);
    assertNull(CELLS.validate(config(Map.of("deploy", "canary", "stepInterval", S)), run));
  }

  @Test
  void singleHomeFiresOnOverlappingCellsAndIgnoresFencedAnswers() {
    HomeLog log = new HomeLog();
    long[] now = {0};
    log.clock(() -> now[0]);
    int a = log.sent(0, 5, 0); // customer 5 at cell 0 from 0 to 10
    now[0] = 4;
    int b = log.sent(1, 5, 1); // at cell 1 from 4: overlaps
    int c = log.sent(2, 6, 1); // another customer: no matter
    now[0] = 10;
    log.answered(a, true);
    log.answered(b, true);
    log.answered(c, true);
    CheckResult r = new SingleHome(log).check(null);
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.violations());
    assertEquals(
        "customer 5: cell 0 served op 0 until 0.000000 s, cell 1 began op 1 at 0.000000 s",
        r.witnesses().get(0));
    HomeLog fenced = new HomeLog();
    int x = fenced.sent(0, 5, 0);
    int y = fenced.sent(1, 5, 1);
    fenced.answered(x, false); // discarded by the router: served no one
    fenced.answered(y, true);
    assertEquals(Verdict.VALID, new SingleHome(fenced).check(null).verdict());
  }

  @Test
  void safeMovesKeepOneHomeAndBrokenOnesDoNot() {
    String moves = "0->0@500ms, 1->0@700ms, 0->1@1500ms, 1->2@1700ms, 0->2@2500ms, 1->1@2700ms";
    int brokenHomes = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Run safe = run(seed, Map.of("moves", moves), 2000);
      assertEquals(6, safe.store().ledger().finished(), "seed " + seed);
      assertEquals(Verdict.VALID, safe.check("single-home").verdict(), "seed " + seed);
      assertTrue(safe.store().ledger().copiedKeys() > 0);
      Run broken = run(seed, Map.of("moves", moves, "moveOrder", "flip-before-copy"), 2000);
      brokenHomes += broken.check("single-home").verdict() == Verdict.INVALID ? 1 : 0;
    }
    assertTrue(brokenHomes >= 3, "single-home caught flip-before-copy in " + brokenHomes + "/4");
  }

  @Test
  void aCanaryIsRolledBackBeforeTheNextCellAndAnAllAtOnceDeployReachesEveryCell() {
    Map<String, Object> canary = new LinkedHashMap<>();
    canary.put("customers", 30L);
    canary.put("deploy", "canary");
    canary.put("canaryCell", 1L);
    canary.put("deployAt", S);
    canary.put("stepInterval", S / 2);
    canary.put("errorRate", 0.5);
    Run c = run(1, canary);
    Rollout r = c.store().rollout();
    assertEquals(0, r.cellsOnNew());
    assertTrue(r.timeToDetectSeconds() <= 0.2, "detected after " + r.timeToDetectSeconds());
    assertEquals(0.0, r.timeToRollBackSeconds());
    // Only the canary's customers were reached (those with a request in the ~0.1 s it ran).
    long canaryReached = c.check("blast-radius").violations();
    int inCanary = c.store().map().customersIn(1);
    assertTrue(canaryReached > 0 && canaryReached <= inCanary, canaryReached + " of " + inCanary);
    canary.put("deploy", "all-at-once");
    CheckResult all = run(1, canary).check("blast-radius");
    assertTrue(all.violations() > inCanary, all.toString());
    canary.put("deploy", "none");
    assertEquals(Verdict.VALID, run(1, canary).check("blast-radius").verdict());
  }
}
