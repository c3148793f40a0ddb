package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Coverage;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Leader/follower replication under random faults, with the fault harness: sync replication with
 * fencing keeps every promise; async replication's weakness is found and shrunk to its essence.
 */
class LeaderFollowerPropertyTest {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 4_000 * MS;
  private static final List<String> NODES = List.of("db-0", "db-1", "db-2");

  private static final String BASE =
      """
      {
        "name": "property/leader-follower",
        "description": "a leader/follower group under random faults",
        "observe": "nothing",
        "duration": "4s",
        "drain": "0s",
        "network": {"latency": "shifted(0.2ms, exp(0.3ms))"},
        "system": {
          "pattern": "leader-follower", "replicas": 3, "reads": "leader", "failover": true,
          "heartbeat": "20ms", "electionTimeout": "150ms", "monitor": "50ms"
        },
        "workload": {
          "arrivals": {"type": "poisson", "rate": "300/s"},
          "reads": 0.5,
          "keys": {"type": "uniform", "count": 8},
          "timeout": "300ms"
        },
        "checkers": ["lost-writes", "split-brain"]
      }
      """;

  /** The scenario of the case being run, for the invariants (the harness runs one at a time). */
  private dev.tradeoff.patterns.Store current;

  private Simulation build(Case c, List<String> sets) {
    List<String> overrides = new java.util.ArrayList<>(sets);
    overrides.add("seed=" + c.seed());
    overrides.add("duration=" + Durations.format(c.runNanos()));
    overrides.add("workload.clients=" + c.clients());
    ScenarioRunner.Built built =
        ScenarioRunner.build(ScenarioReader.read("property", BASE, overrides), "property");
    current = built.system(); // the store whose checkers judge this simulation
    return built.simulation();
  }

  private String storeCheck(Simulation sim, String name) {
    CheckResult r = current.checker(name).orElseThrow().check(sim.history());
    return r.verdict() == Verdict.INVALID ? r.toString() : null;
  }

  private static String linearizable(Simulation sim) {
    CheckResult r = Linearizability.check(sim.history(), Linearizability.Model.KV);
    return r.verdict() == Verdict.VALID ? null : r.toString();
  }

  private static NemesisConfig nemesis(List<String> kinds, double eventsPerSecond) {
    return NemesisConfig.builder(NODES, RUN_NANOS)
        .kinds(kinds)
        .maxDown(1)
        .eventsPerSecond(eventsPerSecond, eventsPerSecond)
        .durationNanos(50 * MS, 800 * MS)
        .quietNanos(500 * MS)
        .build();
  }

  @Test
  void syncReplicationWithFencingKeepsEveryPromiseUnderRandomFaults() {
    List<String> sets = List.of("system.mode=sync", "system.fencing=true");
    Coverage coverage =
        Property.named("sync + fencing: no lost writes, no split brain, linearizable")
            .nemesis(
                nemesis(List.of("crash", "partition", "pause", "clock-skew", "clock-drift"), 2))
            .simulation(c -> build(c, sets))
            .clients(4)
            .invariant("no acknowledged write lost", sim -> storeCheck(sim, "lost-writes"))
            .invariant("no split brain", sim -> storeCheck(sim, "split-brain"))
            .invariant("linearizable", LeaderFollowerPropertyTest::linearizable)
            .tries(40)
            .seed(7_000)
            .minShare("crash", 0.3)
            .minShare("partition", 0.3)
            .minShare("pause", 0.2)
            .build()
            .check();
    assertEquals(40, coverage.cases());
  }

  @Test
  void theHarnessFindsAsyncReplicationLosingAWriteAndShrinksItToALeaderCrash() {
    // Five keys: a lost write is overwritten within milliseconds, so only a checker that judges
    // every acknowledged write (not each key's final value) can still see it.
    List<String> sets = List.of("system.mode=async", "system.batch=50ms", "workload.keys.count=5");
    Property property =
        Property.named("async: no acknowledged write lost")
            .nemesis(nemesis(List.of("crash", "partition"), 2))
            .simulation(c -> build(c, sets))
            .clients(4)
            .invariant("no acknowledged write lost", sim -> storeCheck(sim, "lost-writes"))
            .tries(60)
            .seed(9_000)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    System.out.println(message);
    Matcher events = Pattern.compile("minimal case: .*?, (\\d+) fault events").matcher(message);
    assertTrue(events.find(), message);
    assertTrue(Integer.parseInt(events.group(1)) <= 2, message);
    // The essence: the leader, db-0, goes away (crashed or cut off) with writes it acknowledged
    // but had not yet shipped.
    String minimal = message.substring(message.indexOf("minimal case:"));
    assertTrue(minimal.contains("db-0"), message);
    assertTrue(message.contains("is lost: acknowledged by db-0"), message);
  }
}
