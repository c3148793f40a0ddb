package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Coverage;
import dev.tradeoff.faults.FaultSchedule;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two-phase commit under random crashes, partitions, pauses, message loss, clogged links and clock
 * jumps of the coordinators and participants: participants that wait for the decision keep every
 * transaction atomic; ones that abort on their own after a second in doubt are caught committing
 * some steps of a transaction and not others. With the decisions on a replicated log that the
 * faults hit too, coordinators take over each other's transactions and every one stays atomic, the
 * log losing no decision.
 */
class TwoPhaseCommitPropertyTest {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 8_000 * MS;

  /** No faults in the last 4 s; the load stops 3 s before the end, so every decision lands. */
  private static final long QUIET_NANOS = 4_000 * MS;

  private static final long SETTLE_NANOS = 3_000 * MS;

  /** Checkers that judge the settled end: every transaction decided at every participant. */
  private static final List<String> SETTLED = List.of("atomicity", "paid-not-reserved");

  private static final List<String> NODES =
      List.of(
          "tpc-coordinator-0",
          "tpc-coordinator-1",
          "tpc-order",
          "tpc-inventory",
          "tpc-payment",
          "tpc-shipping");

  private static final String BASE =
      """
      {
        "name": "property/two-phase-commit",
        "description": "two-phase commit under random faults",
        "observe": "nothing",
        "duration": "5s",
        "drain": "0s",
        "network": {"latency": "shifted(0.2ms, exp(0.3ms))"},
        "system": {"pattern": "two-phase-commit", "coordinators": 2, "products": 5},
        "workload": {
          "arrivals": {"type": "poisson", "rate": "150/s"},
          "reads": 0.2,
          "keys": {"type": "uniform", "count": 20},
          "timeout": "1s"
        },
        "checkers": ["atomicity", "money-conserved", "stock-never-negative", "paid-not-reserved",
                     "double-charge"]
      }
      """;

  private final SettlingScenario scenario = new SettlingScenario(BASE, SETTLE_NANOS, QUIET_NANOS);

  /**
   * A three-replica log that acknowledges a decision once a follower holds it, with failover and
   * terms as fencing tokens. Without fencing its replicas take entries of an older term: a leader
   * cut off and healed overwrites what a later leader acknowledged (base seed 65,001, case 281).
   */
  private static final String DECISION_LOG =
      "system.decisionLog={\"pattern\": \"leader-follower\", \"name\": \"log\","
          + " \"mode\": \"semi-sync\", \"failover\": true, \"fencing\": true,"
          + " \"electionTimeout\": \"300ms\"}";

  private static NemesisConfig nemesis() {
    return nemesis(NODES);
  }

  private static NemesisConfig nemesis(List<String> nodes) {
    return NemesisConfig.builder(nodes, RUN_NANOS)
        .kinds(List.of("crash", "partition", "pause", "loss", "clog", "clock-skew"))
        .maxDown(2)
        .eventsPerSecond(1, 3)
        .durationNanos(200 * MS, 2_000 * MS)
        .quietNanos(QUIET_NANOS)
        .build();
  }

  @Test
  void participantsThatWaitForTheDecisionKeepEveryTransactionAtomic() {
    Property.Builder<Store> b =
        Property.named("2PC: atomic, money and stock kept")
            .nemesis(nemesis())
            .system(c -> scenario.build(c, List.of()))
            .clients(6);
    b =
        scenario.judgedBy(
            b,
            List.of(
                "atomicity",
                "money-conserved",
                "stock-never-negative",
                "paid-not-reserved",
                "double-charge"),
            SETTLED);
    // crash and loss each in 37 to 40% of cases (1,000 tries on base seed 96,001): a minimum a
    // fresh base seed misses by chance less than once in 10,000 (docs/writing-a-property.md)
    var property = b.tries(40).seed(16_000).minShare("crash", 0.1).minShare("loss", 0.1).build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  @Test
  void participantsThatAbortAloneInDoubtAreCaughtBreakingAtomicity() {
    Property<Store> property =
        Property.named("heuristic abort: atomic")
            .nemesis(nemesis())
            .system(c -> scenario.build(c, List.of("system.heuristicAfter=1s")))
            .clients(6)
            .invariantOn("atomicity", run -> scenario.invalidOnceSettled(run, "atomicity"))
            .tries(80)
            .seed(16_500)
            .build();
    String message = PropertyScenario.failsWithin(property, 3);
    assertTrue(message.contains("heuristic abort"), message);
  }

  @Test
  void withADecisionLogCoordinatorsTakeOverAndEveryTransactionStaysAtomic() {
    List<String> nodes = new ArrayList<>(NODES);
    nodes.addAll(List.of("log-0", "log-1", "log-2"));
    Property.Builder<Store> b =
        Property.named("2PC with a decision log: atomic, no decision lost")
            .nemesis(nemesis(nodes))
            .system(c -> scenario.build(c, List.of(DECISION_LOG)))
            .clients(6)
            .invariantOn("atomicity", run -> scenario.invalidOnceSettled(run, "atomicity"))
            .invariant(PropertyScenario.judged("money-conserved", "money-conserved"))
            .invariant(PropertyScenario.judged("lost-writes", "lost-writes"));
    var property = b.tries(40).seed(17_000).minShare("crash", 0.1).build(); // see above
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  /**
   * log-2 stands for election, crashes and restarts in the same term, and a vote for its campaign
   * before the crash arrives: the vote handler indexed the tally a restarted replica no longer has
   * and threw (base seed 65,001, case 965 of 1,000; this is the minimal case).
   */
  @Test
  void aCandidateBackFromACrashIgnoresVotesForItsFormerCampaign() {
    String json =
        """
        {"schema": "tradeoff.faults/1", "events": [
          {"atNanos": 100001000, "durationNanos": 781154000,
           "fault": {"kind": "pause", "type": "pause", "node": "log-0"}},
          {"atNanos": 522620000, "durationNanos": 360779000,
           "fault": {"kind": "crash", "type": "crash", "node": "log-2",
                     "loseUnsyncedWrites": true}}]}
        """;
    Case c = new Case(65_965, FaultSchedule.fromJson(json), 4_883_399_000L, 1);
    Run<Store> run = scenario.build(c, List.of(DECISION_LOG));
    c.schedule().install(run.simulation());
    run.simulation().runUntil(c.runNanos());
    assertNull(PropertyScenario.invalid(run, "lost-writes"));
    assertNull(scenario.invalidOnceSettled(run, "atomicity"));
  }
}
