package dev.tradeoff.patterns.cqrs;

import static dev.tradeoff.patterns.cqrs.CqrsRig.MS;
import static dev.tradeoff.patterns.cqrs.CqrsRig.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.PatternDefaults;
import dev.tradeoff.patterns.replication.LeaderFollower;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The services' tables on a replicated {@code leader-follower} group: the outbox keeps every change
 * and its event together through a failover of a group that acknowledges once a follower holds a
 * write, and a restarted relay finds what it had not published; an async group forgets changes it
 * acknowledged whose events the relay had already published, which phantom-events and the group's
 * own lost-writes catch.
 */
class CqrsDatabaseTest {
  private static final List<String> EVENT_CHECKERS =
      List.of("lost-events", "phantom-events", "aggregate-order", "read-model-convergence");

  /** Three replicas {@code db-*} with failover, shipping every 100 ms, replicating {@code mode}. */
  private static Backend database(String mode) {
    LeaderFollower group = new LeaderFollower();
    return new Backend(
        group,
        PatternDefaults.config(
            group,
            Map.of(
                "mode", mode, "failover", true, "batch", 100 * MS, "electionTimeout", 300 * MS)));
  }

  private static CqrsRig run(String mode, Consumer<Simulation> faults) {
    return run(mode, "tailing", faults);
  }

  private static CqrsRig run(String mode, String relay, Consumer<Simulation> faults) {
    return CqrsRig.run(1, 8, 400, 0.5, Map.of("database", database(mode), "relay", relay), faults);
  }

  /** The group's leader is cut off from its followers at 3 s and crashes at 3.3 s. */
  private static final Consumer<Simulation> LEADER_CUT_OFF_THEN_CRASHED =
      sim -> {
        int leader = sim.nodeId("db-0");
        sim.schedule(
            3 * S,
            () -> {
              for (String f : List.of("db-1", "db-2")) {
                sim.network().cut(leader, sim.nodeId(f), PartitionMode.DROP);
                sim.network().cut(sim.nodeId(f), leader, PartitionMode.DROP);
              }
            });
        sim.schedule(
            3 * S + 300 * MS,
            () -> {
              sim.crash(leader, false);
              sim.network().healAll();
            });
      };

  private static void valid(CqrsRig r, List<String> checkers) {
    for (String c : checkers) {
      CheckResult result = r.check(c);
      assertEquals(Verdict.VALID, result.verdict(), c + ": " + result);
    }
  }

  private static long okWritesAfter(CqrsRig r, long fromNanos) {
    long n = 0;
    var h = r.sim.history();
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == OpKind.WRITE
          && h.status(op) == OpStatus.OK
          && h.invokeNanos(op) > fromNanos) {
        n++;
      }
    }
    return n;
  }

  @Test
  void anOutboxOnAGroupThatWaitsForAFollowerKeepsEveryChangeAndItsEventThroughAFailover() {
    CqrsRig r =
        run(
            "semi-sync",
            LEADER_CUT_OFF_THEN_CRASHED.andThen(CqrsRig.crashes("cqrs-service-0", 500, 4.5)));
    valid(r, EVENT_CHECKERS);
    valid(r, List.of("lost-writes", "split-brain"));
    assertTrue(okWritesAfter(r, 5 * S) > 500, "commands commit again on the new leader");
    assertTrue(r.system.finalChanges().size() > 1_000, "changes judged");
  }

  @Test
  void anAsyncGroupForgetsAcknowledgedChangesWhoseEventsWereAlreadyPublished() {
    CqrsRig r = run("async", LEADER_CUT_OFF_THEN_CRASHED);
    CheckResult lost = r.check("lost-writes");
    assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
    CheckResult phantom = r.check("phantom-events");
    assertEquals(Verdict.INVALID, phantom.verdict(), phantom.toString());
    assertTrue(okWritesAfter(r, 5 * S) > 500, "commands commit again on the new leader");
  }

  @Test
  void aRestartedRelayScansTheDatabaseForTheChangesItHadNotPublished() {
    // The service crashes every 700 ms, down 100 ms: some of its changes are always unpublished.
    for (String relay : List.of("tailing", "polling")) {
      CqrsRig r =
          run(
              "semi-sync",
              relay,
              CqrsRig.crashes("cqrs-service-1", 100, 1.7, 2.4, 3.1, 3.8, 4.5, 5.2));
      valid(r, EVENT_CHECKERS);
      valid(r, List.of("lost-writes", "convergence"));
      assertTrue(r.system.facts().relayPublished() > 1_000, relay + ": the relay published");
    }
  }
}
