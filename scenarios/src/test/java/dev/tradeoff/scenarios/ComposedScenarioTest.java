package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
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
            ScenarioException.class, () -> read("faults.schedule[0].fault.node=s9-db-0"));
    assertTrue(bad.getMessage().contains("no node \"s9-db-0\""), bad.getMessage());
  }

  @Test
  void eachFaultStaysInItsShardAndEveryLayerIsJudged() throws IOException {
    RunReport r = ScenarioRunner.run(read(), "test", "test").report();
    for (ExpectationResult e : r.expectations()) {
      assertEquals(Verdict.VALID, e.outcome(), e.text() + " -> " + e.observed());
    }
    String lost = check(r, "lost-writes").detail();
    assertTrue(lost.contains("shard 1: invalid") && lost.contains("shard 2: invalid"), lost);
    assertTrue(lost.contains("shard 0: valid") && lost.contains("shard 3: valid"), lost);
    String splitBrain = check(r, "split-brain").detail();
    assertTrue(splitBrain.contains("shard 2: invalid"), splitBrain);
    assertTrue(
        splitBrain.contains("shard 0: valid")
            && splitBrain.contains("shard 1: valid")
            && splitBrain.contains("shard 3: valid"),
        splitBrain);
  }

  @Test
  void withoutFaultsEveryShardIsClean() throws IOException {
    RunReport r = ScenarioRunner.run(read("faults={}", "expectations=[]"), "test", "test").report();
    assertEquals(0, check(r, "lost-writes").violations());
    assertEquals(0, check(r, "split-brain").violations());
    assertEquals(0, check(r, "convergence").violations());
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
