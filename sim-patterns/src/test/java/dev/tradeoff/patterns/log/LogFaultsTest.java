package dev.tradeoff.patterns.log;

import static dev.tradeoff.patterns.log.LogRig.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each checker fires under a fault and stays quiet under the same fault with the setting that
 * prevents it.
 */
class LogFaultsTest {
  /**
   * log-broker-0 (leader of events-0 and events-3) is cut off from the other brokers and the
   * controller from 2 s to 4 s; clients and consumers still reach it.
   */
  private static final Consumer<Simulation> ISOLATE_LEADER =
      sim -> {
        int b0 = sim.nodeId("log-broker-0");
        List<Integer> rest =
            List.of(
                sim.nodeId("log-broker-1"),
                sim.nodeId("log-broker-2"),
                sim.nodeId("log-controller"));
        sim.schedule(2 * S, () -> sim.network().partition(List.of(b0), rest, PartitionMode.DROP));
        sim.schedule(4 * S, () -> sim.network().healAll());
      };

  /** log-consumer-0 crashes at 2 s and restarts at 4 s. */
  private static final Consumer<Simulation> CRASH_CONSUMER =
      sim -> {
        int c0 = sim.nodeId("log-consumer-0");
        sim.schedule(2 * S, () -> sim.crash(c0));
        sim.schedule(4 * S, () -> sim.restart(c0));
      };

  /**
   * The largest value series {@code name} took in intervals ending in ({@code from}, {@code to}].
   */
  private static double peak(LogRig r, String name, long from, long to) {
    dev.tradeoff.core.metrics.Series s = r.sim.metrics().series(name);
    double max = 0;
    for (int i = 0; i < s.intervals(); i++) {
      long end = (i + 1) * r.sim.metrics().intervalNanos();
      if (end > from && end <= to && s.count(i) > 0 && !Double.isNaN(s.last(i))) {
        max = Math.max(max, s.last(i));
      }
    }
    return max;
  }

  @Test
  void anIsolatedAcksOneLeaderLosesAcknowledgedEventsAndAcksAllLosesNone() {
    for (long seed = 1; seed <= 3; seed++) {
      LogRig one = LogRig.run(seed, 6, Map.of("acks", "1"), ISOLATE_LEADER);
      CheckResult lost = one.check("lost-events");
      assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
      assertTrue(lost.witnesses().get(0).contains("absent from the final log"), lost.toString());
      LogRig all = LogRig.run(seed, 6, Map.of("acks", "all"), ISOLATE_LEADER);
      assertEquals(
          Verdict.VALID, all.check("lost-events").verdict(), all.check("lost-events").toString());
      System.out.println(lost + "\n" + all.check("lost-events"));
    }
  }

  @Test
  void aCrashedAcksOneLeaderRejoinsAsAFollowerAndCutsItsUnreplicatedTail() {
    // The shape of messaging/acks-one-loses-tail: cut from its followers, crashed, restarted.
    Consumer<Simulation> faults =
        sim -> {
          int b0 = sim.nodeId("log-broker-0");
          List<Integer> rest = List.of(sim.nodeId("log-broker-1"), sim.nodeId("log-broker-2"));
          sim.schedule(2 * S, () -> sim.network().partition(List.of(b0), rest, PartitionMode.DROP));
          sim.schedule(2300 * LogRig.MS, () -> sim.network().healAll());
          sim.schedule(2300 * LogRig.MS, () -> sim.crash(b0));
          sim.schedule(4 * S, () -> sim.restart(b0));
        };
    LogRig r = LogRig.run(1, 6, Map.of("acks", "1"), faults);
    assertEquals(Verdict.INVALID, r.check("lost-events").verdict());
    BrokerNode leader = r.cluster.leader(0);
    BrokerNode old = (BrokerNode) r.sim.nodeInstance(r.id("log-broker-0"));
    assertTrue(leader != old && leader.epoch(0) == 2, "a new leader in epoch 2");
    List<LogMessages.Entry> kept = leader.replica(0).view();
    List<LogMessages.Entry> rejoined = old.replica(0).view();
    assertTrue(rejoined.size() <= kept.size() && rejoined.size() > 0);
    assertEquals(kept.subList(0, rejoined.size()), rejoined, "the old leader's log is a prefix");
  }

  @Test
  void uncleanElectionLosesAcksAllWritesThatOnlyTheShrunkIsrHeld() {
    // log-broker-0 is cut off from its followers (not from the controller) from 2 s: after
    // replicaLagMax the ISR of its partitions shrinks to itself, and acks=all writes go on being
    // acknowledged with it alone. At 3 s it crashes and the cut heals; it restarts at 6 s.
    Consumer<Simulation> faults =
        sim -> {
          int b0 = sim.nodeId("log-broker-0");
          List<Integer> rest = List.of(sim.nodeId("log-broker-1"), sim.nodeId("log-broker-2"));
          sim.schedule(2 * S, () -> sim.network().partition(List.of(b0), rest, PartitionMode.DROP));
          sim.schedule(3 * S, () -> sim.network().healAll());
          sim.schedule(3 * S, () -> sim.crash(b0));
          sim.schedule(6 * S, () -> sim.restart(b0));
        };
    for (long seed = 1; seed <= 3; seed++) {
      LogRig unclean = LogRig.run(seed, 8, Map.of("acks", "all", "uncleanElection", true), faults);
      CheckResult lost = unclean.check("lost-events");
      assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
      // Without it the partitions wait offline for log-broker-0, and it returns with every write.
      LogRig clean = LogRig.run(seed, 8, Map.of("acks", "all"), faults);
      assertEquals(Verdict.VALID, clean.check("lost-events").verdict());
      assertTrue(
          clean.cluster.leader(0) == clean.sim.nodeInstance(clean.id("log-broker-0")),
          "log-broker-0 leads events-0 again");
      // Offline from the fencing (about 4 s) to the return (6 s); under-replicated from the cut.
      assertTrue(peak(clean, "log/offline", 4 * S, 6 * S) >= 2);
      assertEquals(0, peak(unclean, "log/offline", 4 * S, 6 * S));
      assertTrue(peak(clean, "log/under-replicated", 2500 * LogRig.MS, 3 * S) >= 2);
      System.out.println(lost);
    }
  }

  @Test
  void aCrashedAtLeastOnceConsumerRedeliversAndAnAtMostOnceOneSkips() {
    // 5 ms per record keeps each member busy about half the time, so the crash finds batches
    // committed but not yet handled (at-most-once) or handled but not yet committed.
    long cost = 5_000_000L;
    for (long seed = 1; seed <= 3; seed++) {
      Map<String, Object> least =
          Map.of("commit", "at-least-once", "commitInterval", 500_000_000L, "processCost", cost);
      LogRig atLeast = LogRig.run(seed, 6, 100, least, CRASH_CONSUMER);
      CheckResult dup = atLeast.check("duplicate-deliveries");
      CheckResult order = atLeast.check("order");
      assertEquals(Verdict.INVALID, dup.verdict(), dup.toString());
      assertTrue(dup.witnesses().get(0).contains("a redelivery"), dup.toString());
      assertEquals(Verdict.INVALID, order.verdict(), order.toString());
      assertEquals(Verdict.VALID, atLeast.check("lost-events").verdict());
      Map<String, Object> most = Map.of("commit", "at-most-once", "processCost", cost);
      LogRig atMost = LogRig.run(seed, 6, 100, most, CRASH_CONSUMER);
      assertEquals(Verdict.VALID, atMost.check("duplicate-deliveries").verdict());
      assertEquals(Verdict.VALID, atMost.check("order").verdict());
      CheckResult skipped = atMost.check("lost-events");
      System.out.println(dup + "\n" + order + "\n" + skipped);
      assertEquals(Verdict.INVALID, skipped.verdict(), skipped.toString());
      assertTrue(skipped.witnesses().get(0).contains("without handling it"), skipped.toString());
    }
  }

  @Test
  void retriesDuplicateRecordsUnlessTheProducerIsIdempotent() {
    // A request timeout shorter than acks=all's round trip makes every slow write a retry.
    for (long seed = 1; seed <= 3; seed++) {
      Map<String, Object> plain = Map.of("idempotent", false, "requestTimeout", 1_000_000L);
      LogRig naive = LogRig.run(seed, 4, plain, sim -> {});
      CheckResult dup = naive.check("duplicate-deliveries");
      System.out.println(dup);
      assertEquals(Verdict.INVALID, dup.verdict(), dup.toString());
      assertTrue(dup.witnesses().get(0).contains("a second copy in the log"), dup.toString());
      Map<String, Object> idem = Map.of("idempotent", true, "requestTimeout", 1_000_000L);
      LogRig safe = LogRig.run(seed, 4, idem, sim -> {});
      assertEquals(Verdict.VALID, safe.check("duplicate-deliveries").verdict());
      assertEquals(Verdict.VALID, safe.check("lost-events").verdict());
    }
  }

  @Test
  void aRestartedControllerElectsLeadersForPartitionsThatWentOfflineBeforeItsCrash() {
    // The controller is cut off from every broker from 1 s to 3.5 s, so it fences them all, one
    // after another: every partition goes offline. It crashes at 3.5 s, as the cut heals, and
    // restarts at 3.6 s believing every broker alive (a session's grace): the brokers'
    // heartbeats must still bring the offline partitions back under a leader.
    Consumer<Simulation> faults =
        sim -> {
          int c = sim.nodeId("log-controller");
          List<Integer> brokers =
              List.of(
                  sim.nodeId("log-broker-0"),
                  sim.nodeId("log-broker-1"),
                  sim.nodeId("log-broker-2"));
          sim.schedule(S, () -> sim.network().partition(List.of(c), brokers, PartitionMode.DROP));
          sim.schedule(3500 * LogRig.MS, () -> sim.network().healAll());
          sim.schedule(3500 * LogRig.MS, () -> sim.crash(c));
          sim.schedule(3600 * LogRig.MS, () -> sim.restart(c));
        };
    LogRig r = LogRig.run(1, 6, Map.of("acks", "all"), faults);
    assertTrue(peak(r, "log/offline", 2 * S, 3 * S) >= 6, "offline while cut off");
    for (int p = 0; p < 6; p++) {
      assertTrue(r.cluster.leader(p) != null, "events-" + p + " has a leader at the end");
    }
    assertEquals(0, peak(r, "log/offline", 5 * S, 8 * S), "no partition offline from 5 s");
    CheckResult lost = r.check("lost-events");
    assertEquals(Verdict.VALID, lost.verdict(), lost.toString());
    assertTrue(lost.detail().contains(" 0 not yet reached by the group"), lost.detail());
  }
}
