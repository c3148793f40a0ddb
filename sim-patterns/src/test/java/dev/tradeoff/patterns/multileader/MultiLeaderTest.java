package dev.tradeoff.patterns.multileader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.PartitionMode;
import dev.tradeoff.core.Simulation;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of three leaders under a partition of leader-0 (5 s to 10 s of 20 s) and, where asked,
 * a 250 ms fast clock on leader-1: which checkers fire under which policy.
 */
class MultiLeaderTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  private record Result(MultiLeaderStore store, Simulation sim, long divergedDuringPartition) {
    CheckResult check(String name) {
      return store.checker(name).orElseThrow().check(sim.history());
    }
  }

  private static Result run(ConflictPolicy policy, boolean partition, boolean skew, long seed) {
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.shifted(30 * MS, Distribution.exponential(5 * MS)));
    MultiLeaderStore store =
        new MultiLeaderStore(
            3,
            "leader",
            "region",
            2,
            100_000,
            Distribution.exponential(0.5 * MS),
            50 * MS,
            1000,
            policy);
    store.addTo(sim);
    for (int i = 0; i < 3; i++) {
      sim.network().latency("clients", "region-" + i, Distribution.constant(MS));
    }
    new Workload(
            12,
            Arrivals.poisson(600),
            0.5,
            KeyDistribution.uniform(200),
            List.of(),
            S,
            20 * S,
            store::client)
        .addTo(sim, "clients");
    int l0 = sim.nodeId("leader-0");
    List<Integer> rest = List.of(sim.nodeId("leader-1"), sim.nodeId("leader-2"));
    if (skew) {
      sim.schedule(2 * S, () -> sim.clock(rest.get(0)).jump(sim.nowNanos(), 250 * MS));
    }
    if (partition) {
      sim.schedule(5 * S, () -> sim.network().partition(List.of(l0), rest, PartitionMode.DROP));
      sim.schedule(10 * S, () -> sim.network().healAll());
    }
    sim.runUntil(9 * S);
    long diverged = store.divergentKeys();
    sim.runUntil(23 * S);
    return new Result(store, sim, diverged);
  }

  @Test
  void lwwWithSkewLosesUpdatesYetConverges() {
    Result r = run(ConflictPolicy.LWW, true, true, 1);
    CheckResult lost = r.check("lost-updates");
    assertEquals(Verdict.INVALID, lost.verdict());
    assertTrue(lost.witnesses().get(0).contains("was acknowledged but lost"), lost.toString());
    assertEquals(Verdict.INVALID, r.check("conflicts").verdict());
    assertEquals(Verdict.VALID, r.check("convergence").verdict(), r.check("convergence").detail());
    assertTrue(r.divergedDuringPartition() > 0);
    assertEquals(0, r.store().divergentKeys());
  }

  @Test
  void skewAddsLostUpdatesOnTopOfThePartitions() {
    for (long seed = 1; seed <= 3; seed++) {
      long with = run(ConflictPolicy.LWW, true, true, seed).check("lost-updates").violations();
      long without = run(ConflictPolicy.LWW, true, false, seed).check("lost-updates").violations();
      assertTrue(with > without, "seed " + seed + ": " + with + " vs " + without);
    }
  }

  @Test
  void versionVectorsDetectConflictsAndLoseNothingUnderTheSameFaults() {
    Result r = run(ConflictPolicy.VERSION_VECTORS, true, true, 1);
    assertEquals(Verdict.VALID, r.check("lost-updates").verdict());
    CheckResult conflicts = r.check("conflicts");
    assertEquals(Verdict.INVALID, conflicts.verdict());
    assertTrue(conflicts.violations() > 10, conflicts.toString());
    assertEquals(Verdict.VALID, r.check("convergence").verdict());
    assertTrue(r.divergedDuringPartition() > 0);
  }

  @Test
  void mergeConvergesWithoutInvertingRealTime() {
    Result r = run(ConflictPolicy.MERGE, true, true, 1);
    assertEquals(Verdict.VALID, r.check("convergence").verdict());
    assertTrue(r.check("lost-updates").detail().contains("; 0 of the lost writes"));
  }

  @Test
  void withoutFaultsVersionVectorsAreQuietAndEveryPolicyConverges() {
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      Result r = run(policy, false, false, 2);
      assertEquals(Verdict.VALID, r.check("convergence").verdict(), policy.word());
      if (policy == ConflictPolicy.VERSION_VECTORS) {
        assertEquals(Verdict.VALID, r.check("lost-updates").verdict());
      }
      // Synchronised clocks: LWW only loses to concurrent writes, never to earlier ones.
      assertTrue(
          r.check("lost-updates").detail().contains("; 0 of the lost writes"), policy.word());
    }
  }

  @Test
  void runsAreDeterministic() {
    Result a = run(ConflictPolicy.LWW, true, true, 7);
    Result b = run(ConflictPolicy.LWW, true, true, 7);
    assertEquals(a.sim().traceHash(), b.sim().traceHash());
    assertEquals(a.store().digests(), b.store().digests());
  }
}
