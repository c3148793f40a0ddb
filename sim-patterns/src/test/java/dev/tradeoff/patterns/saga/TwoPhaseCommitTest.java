package dev.tradeoff.patterns.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Series;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.PatternDefaults;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.replication.LeaderFollower;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of two-phase commit: a coordinator crash between prepare and decision blocks the
 * locked rows until it recovers, and the atomicity checker fires on participants that decide on
 * their own in doubt and stays quiet when they wait.
 */
class TwoPhaseCommitTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final List<String> ALL =
      List.of(
          "atomicity",
          "money-conserved",
          "stock-never-negative",
          "paid-not-reserved",
          "double-charge");
  private static final List<String> SERVICES =
      List.of("tpc-order", "tpc-inventory", "tpc-payment", "tpc-shipping");

  private static TpcSettings settings(int products, long heuristicAfterNanos) {
    return settings(products, heuristicAfterNanos, null);
  }

  private static TpcSettings settings(int products, long heuristicAfterNanos, Store decisionLog) {
    return new TpcSettings(
        "tpc",
        SagaDefinition.parse(
            "order.create, inventory.reserve, payment.charge, shipping.ship",
            "",
            "inventory.reserve=0.05, payment.charge=0.05"),
        3,
        "dc1",
        100,
        1000,
        10,
        products,
        1000,
        S,
        500 * MS,
        200 * MS,
        heuristicAfterNanos,
        200 * MS,
        decisionLog,
        S,
        2,
        100_000,
        Distribution.exponential(MS),
        Distribution.exponential(0.1 * MS));
  }

  private record Result(TwoPhaseCommit.Built store, Simulation sim) {
    CheckResult check(String name) {
      return store.checker(name).orElseThrow().check(sim.history());
    }

    /** The largest sample of {@code series} in intervals ending in (fromNanos, toNanos]. */
    double max(String series, long fromNanos, long toNanos) {
      Series s = sim.metrics().series(series);
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < s.intervals(); i++) {
        long end = (i + 1) * s.intervalNanos();
        if (end > fromNanos && end <= toNanos && s.count(i) > 0) {
          m = Math.max(m, s.max(i));
        }
      }
      return m;
    }
  }

  private static Result run(TpcSettings settings, Consumer<Simulation> faults) {
    Simulation sim = new Simulation(1);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    TwoPhaseCommit.Built store = new TwoPhaseCommit.Built(settings);
    store.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(100),
            0.2,
            KeyDistribution.uniform(100),
            List.of(),
            3 * S,
            12 * S,
            store::client)
        .addTo(sim, "clients");
    faults.accept(sim);
    sim.runUntil(20 * S);
    return new Result(store, sim);
  }

  private static void valid(Result r, List<String> checkers) {
    for (String c : checkers) {
      CheckResult result = r.check(c);
      assertEquals(Verdict.VALID, result.verdict(), result.toString());
    }
  }

  /**
   * The participants' votes to coordinator 0 lost for 300 ms from 4 s, then it crashes, down 5 s:
   * every transaction it started in that window stays prepared, in doubt.
   */
  private static final Consumer<Simulation> CRASH_AFTER_PREPARE =
      sim -> {
        int coordinator = sim.nodeId("tpc-coordinator-0");
        sim.schedule(
            4 * S,
            () -> {
              for (String s : SERVICES) {
                sim.network().cut(sim.nodeId(s), coordinator, PartitionMode.DROP);
              }
            });
        sim.schedule(
            4 * S + 300 * MS,
            () -> {
              sim.crash(coordinator, true);
              sim.network().healAll();
            });
        sim.schedule(9 * S + 300 * MS, () -> sim.restart(coordinator));
      };

  @Test
  void aCoordinatorCrashAfterPrepareHoldsTheLocksAndBlocksTheRowsUntilItRecovers() {
    Result r = run(settings(5, 0), CRASH_AFTER_PREPARE);
    valid(r, ALL);
    assertTrue(r.max("in-doubt/tpc", 4 * S + 500 * MS, 9 * S) >= 5, "steps stay in doubt");
    assertTrue(r.max("oldest-lock/tpc", 8 * S, 9 * S) > 4_500, "held through it");
    double during = r.max("committed/tpc", 5 * S, 9 * S);
    double before = r.max("committed/tpc", 0, 4 * S);
    System.out.printf(
        "committed/s: at most %.0f before the crash, %.0f while in doubt%n", before, during);
    assertTrue(during < before / 2, "most rows are locked: " + during + " vs " + before);
    assertTrue(r.max("lock-timeouts/tpc", 5 * S, 9 * S) > 10);
    assertTrue(r.max("committed/tpc", 10 * S, 12 * S) > 30, "it recovers");
    assertEquals(0, r.store().stats().inDoubt(), "the restarted coordinator aborts them");
    assertTrue(r.max("committed/tpc", 0, 4 * S) > 30);
  }

  /**
   * Links from coordinator 0 to the participants lose 30% of messages from 4 s to 4.5 s, so some
   * commits are lost and wait for their resend; then it crashes, down 5 s.
   */
  private static final Consumer<Simulation> LOST_COMMITS_THEN_CRASH =
      sim -> {
        int coordinator = sim.nodeId("tpc-coordinator-0");
        sim.schedule(
            4 * S,
            () -> {
              for (String s : SERVICES) {
                sim.network().linkLossRate(coordinator, sim.nodeId(s), 0.3);
              }
            });
        sim.schedule(
            4 * S + 500 * MS,
            () -> {
              sim.crash(coordinator, true);
              for (String s : SERVICES) {
                sim.network().linkLossRate(coordinator, sim.nodeId(s), 0);
              }
            });
        sim.schedule(9 * S + 500 * MS, () -> sim.restart(coordinator));
      };

  @Test
  void participantsThatAbortOnTheirOwnInDoubtBreakAtomicityAndThoseThatWaitDoNot() {
    Result heuristic = run(settings(20, S), LOST_COMMITS_THEN_CRASH);
    CheckResult split = heuristic.check("atomicity");
    assertEquals(Verdict.INVALID, split.verdict(), split.toString());
    assertTrue(split.witnesses().get(0).contains("heuristic abort"), split.toString());
    assertTrue(split.witnesses().get(0).contains("committed"), split.toString());
    assertTrue(heuristic.store().stats().heuristics() > 0);
    Result waiting = run(settings(20, 0), LOST_COMMITS_THEN_CRASH);
    valid(waiting, ALL);
  }

  @Test
  void aRestartedParticipantRetakesTheLocksOfItsPreparedStepsAndHearsTheDecision() {
    Result r =
        run(
            settings(5, 0),
            sim -> {
              int inventory = sim.nodeId("tpc-inventory");
              sim.schedule(3 * S, () -> sim.crash(inventory, false));
              sim.schedule(4 * S, () -> sim.restart(inventory));
            });
    valid(r, ALL);
    assertEquals(0, r.store().stats().inDoubt());
  }

  /** A three-replica leader/follower group {@code log-*} with failover, shipping every 100 ms. */
  private static Store decisionLog(String mode) {
    LeaderFollower group = new LeaderFollower();
    return group.build(
        PatternDefaults.config(
            group,
            Map.of(
                "name",
                "log",
                "mode",
                mode,
                "failover",
                true,
                "batch",
                100 * MS,
                "electionTimeout",
                300 * MS)));
  }

  @Test
  void withASharedDecisionLogAnotherCoordinatorFinishesTheProtocolSoTheLocksGoWithinASecond() {
    Result own = run(settings(5, 0), CRASH_AFTER_PREPARE);
    Result shared = run(settings(5, 0, decisionLog("semi-sync")), CRASH_AFTER_PREPARE);
    valid(shared, ALL);
    valid(shared, List.of("lost-writes", "split-brain", "convergence"));
    assertTrue(own.max("oldest-lock/tpc", 8 * S, 9 * S) > 4_500, "own log: held till it is back");
    double oldest = shared.max("oldest-lock/tpc", 6 * S, 9 * S);
    double before = shared.max("committed/tpc", 0, 4 * S);
    double during = shared.max("committed/tpc", 6 * S, 9 * S);
    System.out.printf(
        "shared decision log: oldest lock %.0f ms, committed/s at most %.0f before, %.0f during%n",
        oldest, before, during);
    assertTrue(oldest < 1_500, "a takeover aborts them about a second in: " + oldest + " ms");
    assertTrue(during > before / 2, "rows free again: " + during + " vs " + before);
  }

  /**
   * From 4 s the decision log's leader is cut off from its followers and the coordinators' links to
   * the payment service lose half their messages; at 4.3 s the leader and every coordinator crash,
   * and coordinators 1 and 2 come back at 4.5 s with nothing in memory. An async log has
   * acknowledged decisions its followers never got; the payment steps whose commit was lost stay in
   * doubt until a coordinator settles them in the log.
   */
  private static final Consumer<Simulation> LOG_LEADER_AND_COORDINATORS_CRASH =
      sim -> {
        int payment = sim.nodeId("tpc-payment");
        int leader = sim.nodeId("log-0");
        List<Integer> coordinators =
            List.of(0, 1, 2).stream().map(i -> sim.nodeId("tpc-coordinator-" + i)).toList();
        sim.schedule(
            4 * S,
            () -> {
              for (String follower : List.of("log-1", "log-2")) {
                sim.network().cut(leader, sim.nodeId(follower), PartitionMode.DROP);
                sim.network().cut(sim.nodeId(follower), leader, PartitionMode.DROP);
              }
              coordinators.forEach(c -> sim.network().linkLossRate(c, payment, 0.5));
            });
        sim.schedule(
            4 * S + 300 * MS,
            () -> {
              sim.crash(leader, false);
              coordinators.forEach(c -> sim.crash(c, true));
              coordinators.forEach(c -> sim.network().linkLossRate(c, payment, 0));
              sim.network().healAll();
            });
        sim.schedule(4 * S + 500 * MS, () -> coordinators.stream().skip(1).forEach(sim::restart));
      };

  @Test
  void anAsyncDecisionLogLosesCommitsThatATakeoverThenAbortsAndAQuorumOneKeepsThem() {
    Result async = run(settings(20, 0, decisionLog("async")), LOG_LEADER_AND_COORDINATORS_CRASH);
    CheckResult lost = async.check("lost-writes");
    assertEquals(Verdict.INVALID, lost.verdict(), lost.toString());
    CheckResult split = async.check("atomicity");
    assertEquals(Verdict.INVALID, split.verdict(), split.toString());
    assertTrue(split.witnesses().get(0).contains("aborted"), split.toString());
    assertTrue(split.witnesses().get(0).contains("committed"), split.toString());
    Result quorum =
        run(settings(20, 0, decisionLog("semi-sync")), LOG_LEADER_AND_COORDINATORS_CRASH);
    valid(quorum, ALL);
    valid(quorum, List.of("lost-writes", "split-brain", "convergence"));
    assertEquals(0, quorum.store().stats().inDoubt(), "every doubt settled by a takeover");
  }
}
