package dev.tradeoff.patterns.log;

import static dev.tradeoff.patterns.log.LogRig.MS;
import static dev.tradeoff.patterns.log.LogRig.S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Consumer groups subscribed to a topic: the main one, or its dead-letter topic. */
class LogSubscriptionTest {
  private static final Map<String, Object> DLQ_GROUP =
      Map.of("groups", 2L, "subscribe", "events, events.dlq", "poison", 0.1);

  /**
   * Many dead letters, each taking 3 ms to handle: a crash of the dead-letter group often falls
   * between a commit and the handling of what it covered.
   */
  private static final Map<String, Object> BUSY_DLQ_GROUP =
      Map.of("groups", 2L, "subscribe", "events, events.dlq", "poison", 0.3, "processCost", 3 * MS);

  /** Crashes both members of group g1 (the dead-letter group) every 100 ms from 2 s to 5 s. */
  private static final Consumer<Simulation> CRASH_DLQ_GROUP =
      sim -> {
        for (long t = 2 * S; t < 5 * S; t += 100 * MS) {
          for (int i = 0; i < 2; i++) {
            int member = sim.nodeId("log-g1-consumer-" + i);
            sim.schedule(t + i * MS, () -> sim.crash(member));
            sim.schedule(t + i * MS + 20 * MS, () -> sim.restart(member));
          }
        }
      };

  @Test
  void aDeadLetterGroupHandlesEveryRecordTheMainGroupDeadLettered() {
    LogRig r = LogRig.run(1, 4, DLQ_GROUP, sim -> {});
    LogSettings settings = EventLog.settings(LogRig.config(DLQ_GROUP));
    TreeSet<Long> deadLettered = new TreeSet<>();
    TreeSet<Long> handledByDlqGroup = new TreeSet<>();
    for (Delivery d : r.cluster.facts().deliveries()) {
      if (d.group() == 0 && d.deadLettered()) {
        deadLettered.add(d.value());
      } else if (d.group() == 1) {
        assertEquals(settings.dlqPartition(), d.partition(), d.toString());
        handledByDlqGroup.add(d.value());
      }
    }
    assertTrue(deadLettered.size() > 50, deadLettered.size() + " dead letters");
    assertEquals(deadLettered, handledByDlqGroup);
    CheckResult lost = r.check("lost-events");
    assertEquals(Verdict.VALID, lost.verdict(), lost.toString());
    assertTrue(
        lost.detail().contains(deadLettered.size() + " dead letters: 0 absent"), lost.detail());
    assertEquals(Verdict.VALID, r.check("duplicate-deliveries").verdict());
    assertEquals(Verdict.VALID, r.check("order").verdict());
    assertTrue(r.sim.metrics().series("consumer-lag/g1-events.dlq-0").intervals() > 0);
    assertTrue(r.sim.metrics().series("consumer-lag-ms/g1-max").intervals() > 0);
  }

  @Test
  void readsStayServedByGroupZeroFromItsViewOfTheMainTopic() {
    LogRig r = LogRig.run(1, 4, 50, DLQ_GROUP, sim -> {});
    LogSettings settings = EventLog.settings(LogRig.config(DLQ_GROUP));
    History h = r.sim.history();
    long valued = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == OpKind.READ && h.status(op) == OpStatus.OK && h.result(op) != History.NIL) {
        valued++;
        // The dead-letter group's view holds only poison records; group 0's never does.
        assertTrue(!settings.poison(h.result(op)), "read " + op + " saw a dead letter");
      }
    }
    assertTrue(valued > 200, valued + " reads returned a value");
    assertEquals(0, r.count(OpKind.READ, OpStatus.FAIL));
  }

  @Test
  void aDeadLetterGroupThatCommitsBeforeHandlingAndCrashesLosesDeadLetters() {
    Map<String, Object> atMostOnce = new java.util.HashMap<>(BUSY_DLQ_GROUP);
    atMostOnce.put("commit", "at-most-once");
    LogRig r = LogRig.run(1, 6, atMostOnce, CRASH_DLQ_GROUP);
    CheckResult lost = r.check("lost-events");
    assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
    for (String w : lost.witnesses()) {
      assertTrue(w.contains("is lost as a dead letter") && w.contains("group g1"), w);
    }
    System.out.println(lost);
    // The main group, never crashed, lost no event: only dead letters count.
    assertTrue(
        lost.detail().contains("0 absent from the log, 0 skipped by the group"), lost.detail());
  }

  @Test
  void anAtLeastOnceDeadLetterGroupUnderTheSameCrashesLosesNone() {
    LogRig r = LogRig.run(1, 6, BUSY_DLQ_GROUP, CRASH_DLQ_GROUP);
    CheckResult lost = r.check("lost-events");
    assertEquals(Verdict.VALID, lost.verdict(), lost.toString());
    assertTrue(r.cluster.facts().rebalances() > 0, "the crashes moved the dead-letter partition");
  }

  @Test
  void withoutADeadLetterGroupNoOneIsAskedToHandleTheDeadLetters() {
    Map<String, Object> twoMain = Map.of("groups", 2L, "poison", 0.1);
    LogRig r = LogRig.run(1, 4, twoMain, sim -> {});
    CheckResult lost = r.check("lost-events");
    assertEquals(Verdict.VALID, lost.verdict(), lost.toString());
    assertTrue(!lost.detail().contains("dead letters"), lost.detail());
  }

  @Test
  void anUnknownTopicIsRefusedNamingTheKnownOnes() {
    assertArrayEquals(
        new String[] {"subscribe", "unknown topic \"event\"; the topics are events, events.dlq"},
        new EventLog().validate(LogRig.config(Map.of("subscribe", "event"))));
    assertArrayEquals(
        new String[] {"subscribe", "unknown topic \"events\"; the topics are orders, orders.dlq"},
        new EventLog().validate(LogRig.config(Map.of("topic", "orders", "subscribe", "events"))));
    assertEquals(
        "subscribe",
        new EventLog().validate(LogRig.config(Map.of("subscribe", "events, events.dlq")))[0],
        "two topics for one group");
    assertEquals(
        "subscribe",
        new EventLog()
            .validate(LogRig.config(Map.of("groups", 2L, "subscribe", "events.dlq, events")))[0],
        "group g0 serves reads");
    assertNull(
        new EventLog().validate(LogRig.config(Map.of("groups", 3L, "subscribe", ", events.dlq"))));
  }
}
