package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.Staleness;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.patterns.routing.KeyRouter;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stacked system — cache-aside over consistent-hash shards over leader/follower groups — is one
 * scenario: faults reach nodes at every layer, every layer's checkers judge one history, and each
 * fault stays inside its shard.
 */
class ComposedScenarioTest {
  private static final String NAME = "composed/cache-shards-replicas";

  private static Scenario read(String... sets) throws IOException {
    try (InputStream in =
        ComposedScenarioTest.class.getResourceAsStream("/catalog/" + NAME + ".json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ScenarioReader.read(NAME, text, List.of(sets));
    }
  }

  private static CheckResult check(RunReport r, String name) {
    return r.checks().stream().filter(c -> c.checker().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theStackHasEveryLayersNodesAndFaultsCanNameThem() throws IOException {
    Scenario s = read();
    List<String> nodes = s.system().nodes();
    assertTrue(
        nodes.containsAll(List.of("cache-0", "cache-1", "s0-db-0", "s3-db-2")), nodes.toString());
    assertEquals(2 + 4 * 3, nodes.size(), nodes.toString());
    ScenarioException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioException.class, () -> read("faults.schedule[1].fault.node=s9-db-0"));
    assertTrue(bad.getMessage().contains("no node \"s9-db-0\""), bad.getMessage());
  }

  /** The operations of {@code h} on keys that shard {@code shard} of {@code router} owns. */
  private static History ofShard(History h, KeyRouter router, int shard) {
    History sub = new History();
    for (int op = 0; op < h.size(); op++) {
      if (router.shardOf(h.key(op)) != shard) {
        continue;
      }
      int i = sub.invoke(h.process(op), h.kind(op), h.key(op), h.value(op), h.invokeNanos(op));
      if (h.completeNanos(op) != Long.MAX_VALUE) {
        sub.complete(i, h.status(op), h.result(op), h.completeNanos(op));
      }
    }
    return sub;
  }

  private static final KeyRouter SHARDS = KeyRouter.consistent(4, 64); // the scenario's router

  @Test
  void eachFaultStaysInItsShardOnSeedsOneToTen() throws IOException {
    // The checkers' details name each shard's verdict; linearizability and staleness judge the
    // whole history, so each shard's keys are judged here on their own.
    for (long seed = 1; seed <= 10; seed++) {
      ScenarioRunner.Run run = ScenarioRunner.run(read("seed=" + seed), "test", "test");
      RunReport r = run.report();
      for (ExpectationResult e : r.expectations()) {
        assertEquals(Verdict.VALID, e.outcome(), seed + ": " + e.text() + " -> " + e.observed());
      }
      assertEquals(
          "shard 0: valid; shard 1: invalid; shard 2: invalid; shard 3: valid",
          check(r, "lost-writes").detail(),
          "seed " + seed);
      assertEquals(
          "shard 0: valid; shard 1: valid; shard 2: invalid; shard 3: valid",
          check(r, "split-brain").detail(),
          "seed " + seed);
      History h = run.simulation().history();
      StringBuilder line = new StringBuilder("seed " + seed + ":");
      long[] nonLinearizable = new long[4];
      long[] stale = new long[4];
      for (int s = 0; s < 4; s++) {
        History sub = ofShard(h, SHARDS, s);
        nonLinearizable[s] = Linearizability.check(sub, Linearizability.Model.KV).violations();
        stale[s] = new Staleness(List.of(0L)).check(sub).violations();
        line.append(
            String.format(
                " shard %d: %d not linearizable, %d stale;", s, nonLinearizable[s], stale[s]));
      }
      System.out.println("composed " + line);
      assertTrue(nonLinearizable[0] == 0 && nonLinearizable[3] == 0, line.toString());
      assertTrue(stale[0] == 0 && stale[3] == 0, line.toString());
      assertTrue(nonLinearizable[2] > 0 && stale[2] > 0, line.toString());
      assertTrue(nonLinearizable[1] > 0, line.toString());
    }
  }

  @Test
  void withoutFaultsNoCheckerFindsAnythingOnSeedsOneToTen() throws IOException {
    for (long seed = 1; seed <= 10; seed++) {
      RunReport r =
          ScenarioRunner.run(read("seed=" + seed, "faults={}", "expectations=[]"), "test", "test")
              .report();
      for (CheckResult c : r.checks()) {
        assertEquals(0, c.violations(), "seed " + seed + ": " + c);
      }
    }
  }

  private static final String STACK =
      """
      {"name": "test/stack", "description": "d", "observe": "o", "duration": "2s",
       "network": {"latency": "0.5ms"},
       "system": %s,
       "workload": {"arrivals": {"type": "poisson", "rate": "200/s"}, "keys": {"count": 100}},
       "checkers": ["linearizability"]}
      """;

  @Test
  void stacksNestAsDeepAsWrittenWithDistinctNodeNames() {
    // Shards of caches of single nodes: every layer below a shard inherits its prefix.
    String system =
        "{\"pattern\": \"sharded\", \"shards\": 2, \"backend\": {\"pattern\": \"cached\","
            + " \"backend\": {\"pattern\": \"single-node\"}}}";
    Scenario s = ScenarioReader.read("stack", STACK.formatted(system), List.of());
    assertTrue(
        s.system().nodes().containsAll(List.of("s0-cache-0", "s0-db", "s1-cache-0", "s1-db")),
        s.system().nodes().toString());
    RunReport r = ScenarioRunner.run(s, "test", "test").report();
    assertEquals(
        0, check(r, "linearizability").violations(), check(r, "linearizability").toString());
  }

  @Test
  void aStackWhoseLayersShareNodeNamesIsBadInputNamingTheNode() {
    String system =
        "{\"pattern\": \"cached\", \"backend\": {\"pattern\": \"cached\","
            + " \"backend\": {\"pattern\": \"single-node\"}}}";
    ScenarioException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioException.class,
            () -> ScenarioReader.read("stack.json", STACK.formatted(system), List.of()));
    assertEquals(
        "stack.json:3:12: system: node name \"cache-0\" is used twice: give the nested systems"
            + " distinct \"name\" fields",
        e.getMessage());
  }
}
