package dev.tradeoff.patterns.multileader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
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
    return run(
        policy,
        seed,
        sim -> {
          int l0 = sim.nodeId("leader-0");
          List<Integer> rest = List.of(sim.nodeId("leader-1"), sim.nodeId("leader-2"));
          if (skew) {
            sim.schedule(2 * S, () -> sim.clock(rest.get(0)).jump(sim.nowNanos(), 250 * MS));
          }
          if (partition) {
            sim.schedule(
                5 * S, () -> sim.network().partition(List.of(l0), rest, PartitionMode.DROP));
            sim.schedule(10 * S, () -> sim.network().healAll());
          }
        });
  }

  private static Result run(ConflictPolicy policy, long seed, Consumer<Simulation> faults) {
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
    faults.accept(sim);
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
    assertTrue(r.store().ledger().conflictedWrites() > 0, "LWW met conflicts and resolved them");
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
    assertTrue(
        r.store().ledger().conflictedWrites() > 10,
        r.store().ledger().conflictWitnesses().toString());
    assertTrue(r.store().checker("conflicts").isEmpty(), "conflicts are measured, not violations");
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

  /**
   * The reviewer's asymmetric partition: leader-0 and leader-2 cannot talk from 5 s to 20 s, both
   * talk to leader-1. leader-1's writes that had seen leader-0's reach leader-2 before (without)
   * them; causal delivery holds them back, so no write of leader-2 misses indirect knowledge.
   */
  @Test
  void anAsymmetricPartitionUnderVersionVectorsConvergesWithoutFalseConflicts() {
    for (long seed = 1; seed <= 2; seed++) {
      Result r =
          run(
              ConflictPolicy.VERSION_VECTORS,
              seed,
              sim -> {
                int l0 = sim.nodeId("leader-0");
                int l2 = sim.nodeId("leader-2");
                sim.schedule(
                    5 * S,
                    () -> sim.network().partition(List.of(l0), List.of(l2), PartitionMode.DROP));
                sim.schedule(20 * S, () -> sim.network().healAll());
              });
      CheckResult convergence = r.check("convergence");
      assertEquals(Verdict.VALID, convergence.verdict(), "seed " + seed + ": " + convergence);
      assertEquals(0, r.store().divergentKeys());
      CheckResult lost = r.check("lost-updates");
      assertEquals(Verdict.VALID, lost.verdict(), "seed " + seed + ": " + lost);
      assertCausallyClosed(r.store().ledger());
    }
  }

  /** Every write's context includes the contexts of the writes it covers: covers is exact. */
  private static void assertCausallyClosed(Ledger ledger) {
    Map<String, Write> byId = new TreeMap<>();
    for (Write w : ledger.accepted()) {
      byId.put(w.origin() + "/" + w.seq(), w);
    }
    for (Write w : ledger.accepted()) {
      for (int j = 0; j < w.context().length; j++) {
        if (j == w.origin() || w.context()[j] == 0) {
          continue;
        }
        Write dep = byId.get(j + "/" + w.context()[j]);
        for (int k = 0; k < w.context().length; k++) {
          assertTrue(
              dep.context()[k] <= w.context()[k],
              "write " + w.value() + " covers " + dep.value() + " but not its past at " + k);
        }
      }
    }
  }

  @Test
  void aLeaderCrashedAndRestartedResumesItsLogAndConverges() {
    for (ConflictPolicy policy : List.of(ConflictPolicy.VERSION_VECTORS, ConflictPolicy.LWW)) {
      Result r =
          run(
              policy,
              1,
              sim -> {
                int l0 = sim.nodeId("leader-0");
                sim.schedule(5 * S, () -> sim.crash(l0, true));
                sim.schedule(6 * S, () -> sim.restart(l0));
              });
      CheckResult convergence = r.check("convergence");
      assertEquals(Verdict.VALID, convergence.verdict(), policy.word() + ": " + convergence);
      assertEquals(0, r.store().divergentKeys());
      // Sequence numbers continue across the restart: no write reuses an earlier one's place.
      long[] last = new long[3];
      long afterRestart = 0;
      for (Write w : r.store().ledger().accepted()) {
        assertEquals(last[w.origin()] + 1, w.seq(), "leader-" + w.origin() + " log");
        last[w.origin()] = w.seq();
        if (w.origin() == 0 && w.stampNanos() > 6 * S) {
          afterRestart++;
        }
      }
      assertTrue(afterRestart > 100, "leader-0 took writes after its restart: " + afterRestart);
      // Under version vectors nothing may be gone: every write leader-0 accepted, before the
      // crash or after the restart, is held or superseded at every leader.
      if (policy == ConflictPolicy.VERSION_VECTORS) {
        CheckResult lost = r.check("lost-updates");
        assertEquals(Verdict.VALID, lost.verdict(), lost.toString());
      }
    }
  }

  /**
   * The end-state check at work under version vectors: leader-0 is cut off from 5 s on and is down
   * at the end, so its writes since the partition are held by no live leader — lost, although no
   * policy ever overwrote them.
   */
  @Test
  void writesOnlyADeadLeaderHeldAreLostUnderVersionVectors() {
    Result r =
        run(
            ConflictPolicy.VERSION_VECTORS,
            1,
            sim -> {
              int l0 = sim.nodeId("leader-0");
              List<Integer> rest = List.of(sim.nodeId("leader-1"), sim.nodeId("leader-2"));
              sim.schedule(
                  5 * S, () -> sim.network().partition(List.of(l0), rest, PartitionMode.DROP));
              sim.schedule(22 * S, () -> sim.crash(l0, true));
            });
    CheckResult lost = r.check("lost-updates");
    assertEquals(Verdict.INVALID, lost.verdict());
    assertTrue(lost.violations() > 100, lost.toString());
    assertTrue(lost.witnesses().get(0).contains("via leader-0"), lost.toString());
    assertTrue(lost.witnesses().get(0).contains("no live leader holds it"), lost.toString());
    assertEquals(Verdict.VALID, r.check("inverted-updates").verdict());
  }
}
