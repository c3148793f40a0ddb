package dev.tradeoff.patterns.log;

import static dev.tradeoff.patterns.log.LogRig.MS;
import static dev.tradeoff.patterns.log.LogRig.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker, controller and group protocol, one behaviour at a time. */
class LogProtocolTest {
  @Test
  void poisonRecordsGoToTheDeadLetterTopicAfterTheirAttemptsAndNothingElseDoes() {
    LogRig r = LogRig.run(1, 4, Map.of("poison", 0.05, "dlqAttempts", 3L), sim -> {});
    LogSettings settings = EventLog.settings(LogRig.config(Map.of("poison", 0.05)));
    long dead = 0;
    for (Delivery d : r.cluster.facts().deliveries()) {
      assertEquals(settings.poison(d.value()), d.deadLettered(), d.toString());
      dead += d.deadLettered() ? 1 : 0;
    }
    assertTrue(dead > 10, dead + " dead letters");
    // Each dead letter is in the dead-letter partition's log, once.
    PartitionReplica dlq =
        r.cluster.leader(settings.dlqPartition()).replica(settings.dlqPartition());
    assertEquals(dead, dlq.logEnd());
    assertEquals(Verdict.VALID, r.check("lost-events").verdict());
    assertEquals(Verdict.VALID, r.check("duplicate-deliveries").verdict());
  }

  @Test
  void withTheControllerDownADeadLeaderIsNotReplacedUntilItReturns() {
    LogRig r =
        LogRig.run(
            1,
            8,
            Map.of(),
            sim -> {
              int controller = sim.nodeId("log-controller");
              int b0 = sim.nodeId("log-broker-0");
              sim.schedule(2 * S, () -> sim.crash(controller));
              sim.schedule(2 * S, () -> sim.crash(b0));
              sim.schedule(5 * S, () -> sim.restart(controller));
            });
    // events-0 had no leader from 2 s until the restarted controller fenced log-broker-0 (about a
    // session timeout after 5 s); then log-broker-1 led it in epoch 2.
    assertEquals(2, r.cluster.leader(0).epoch(0));
    long unanswered = 0;
    for (int op = 0; op < r.sim.history().size(); op++) {
      long t = r.sim.history().invokeNanos(op);
      if (r.sim.history().kind(op) == OpKind.WRITE
          && r.sim.history().status(op) != OpStatus.OK
          && t > 2 * S
          && t < 5 * S) {
        unanswered++;
      }
    }
    assertTrue(unanswered > 100, unanswered + " writes failed while no one could fail over");
    assertEquals(Verdict.VALID, r.check("lost-events").verdict());
  }

  @Test
  void aMemberPausedPastItsSessionIsReplacedAndItsCommitsAreRefused() {
    // log-consumer-0 stalls (a GC pause) for 2 s, twice the session timeout: the group moves its
    // partitions; when it wakes it still handles the batch it held (a zombie), but its commits
    // carry the old generation and are refused, so nothing is lost and the new owner's position
    // stands.
    LogRig r =
        LogRig.run(
            1,
            6,
            100,
            Map.of("commitInterval", 500 * MS, "processCost", 5 * MS),
            sim -> sim.schedule(2 * S, () -> sim.pause(sim.nodeId("log-consumer-0"), 2 * S)));
    assertTrue(r.cluster.facts().rebalances() >= 2, "out at about 3 s, back in at 4 s");
    assertTrue(r.cluster.facts().redeliveries() > 0);
    assertEquals(Verdict.INVALID, r.check("duplicate-deliveries").verdict());
    assertEquals(Verdict.VALID, r.check("lost-events").verdict());
  }

  @Test
  void everyGroupHandlesEveryEventOnItsOwnAndAGroupsCrashIsItsOwnBusiness() {
    // Three groups read the topic; log-g1-consumer-0 (group 1) crashes at 2 s for good.
    LogRig r =
        LogRig.run(
            1,
            5,
            100,
            Map.of("groups", 3L, "commitInterval", 500 * MS, "processCost", 5 * MS),
            sim -> sim.schedule(2 * S, () -> sim.crash(sim.nodeId("log-g1-consumer-0"))));
    LogFacts facts = r.cluster.facts();
    long[] handled = new long[3];
    long[] again = new long[3];
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (Delivery d : facts.deliveries()) {
      handled[d.group()]++;
      if (!seen.add(d.group() + "/" + d.value())) {
        again[d.group()]++;
      }
    }
    long acked = r.count(OpKind.WRITE, OpStatus.OK);
    assertEquals(acked, handled[0]);
    assertEquals(acked, handled[2]);
    assertEquals(acked + again[1], handled[1], "group 1 handles everything, some twice");
    assertEquals(0, again[0]);
    assertEquals(0, again[2]);
    assertTrue(again[1] > 0, "group 1 redelivered after its member's crash");
    // Only group 1's events count as duplicates: the same event handled by three groups is not.
    CheckResult dup = r.check("duplicate-deliveries");
    assertEquals(again[1], dup.violations(), dup.toString());
    assertTrue(dup.witnesses().get(0).contains("log-g1-consumer-"), dup.toString());
    assertEquals(Verdict.VALID, r.check("lost-events").verdict());
    assertTrue(r.sim.metrics().series("consumer-lag-ms/g1-events-0").intervals() > 0);
  }

  @Test
  void moreConsumersThanPartitionsLeavesTheRestIdle() {
    LogRig r = LogRig.run(1, 3, Map.of("partitions", 2L, "consumers", 5L), sim -> {});
    assertEquals(Verdict.VALID, r.check("lost-events").verdict());
    long members = r.cluster.facts().deliveries().stream().map(Delivery::member).distinct().count();
    assertEquals(2, members, "two partitions, two busy members");
    assertTrue(r.count(OpKind.READ, OpStatus.OK) > 400);
  }

  @Test
  void aCrashLosesUnsyncedRecordsOnlyWhenTheLogIsFlushedLazily() {
    // One replica, acks=1: the broker's disk is all there is.
    Map<String, Object> lazy =
        Map.of("acks", "1", "replicationFactor", 1L, "brokers", 1L, "flushInterval", 1_000 * MS);
    Map<String, Object> eager =
        Map.of("acks", "1", "replicationFactor", 1L, "brokers", 1L, "flushInterval", 0L);
    java.util.function.Consumer<dev.tradeoff.core.kernel.Simulation> crash =
        sim -> {
          int b0 = sim.nodeId("log-broker-0");
          sim.schedule(2_500 * MS, () -> sim.crash(b0, true));
          sim.schedule(2_600 * MS, () -> sim.restart(b0));
        };
    CheckResult lost = LogRig.run(1, 4, lazy, crash).check("lost-events");
    assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
    assertTrue(lost.witnesses().get(0).contains("absent from the final log"), lost.toString());
    CheckResult kept = LogRig.run(1, 4, eager, crash).check("lost-events");
    assertEquals(Verdict.VALID, kept.verdict(), kept.toString());
    assertFalse(kept.detail().contains(" 0 acknowledged"));
  }
}
