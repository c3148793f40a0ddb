package dev.tradeoff.patterns.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Staleness;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Store;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Read repair, anti-entropy and hinted handoff do what they are for — and nothing without them. */
class QuorumRepairTest {
  static final long MS = 1_000_000L;
  static final int KEYS = 20;

  static Simulation run(Settings config, long issueUntilNanos, long seed, Setup setup) {
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.exponential(1 * MS));
    Store store = Leaderless.build(config);
    store.addTo(sim);
    new Workload(
            4,
            Arrivals.closedLoop(Distribution.exponential(2 * MS)),
            0.7,
            KeyDistribution.uniform(KEYS),
            List.of(),
            300 * MS,
            issueUntilNanos,
            store::client)
        .addTo(sim, "clients");
    setup.apply(sim);
    return sim;
  }

  interface Setup {
    void apply(Simulation sim);
  }

  static long staleReads(Settings config) {
    Simulation sim = run(config, 2_000 * MS, 5, s -> s.network().lossRate(0.2));
    sim.runUntil(3_000 * MS);
    return new Staleness(List.of(0L)).report(sim.history()).staleReads();
  }

  static QuorumReplica replica(Simulation sim, Settings config, int index) {
    return (QuorumReplica) sim.nodeInstance(sim.nodeId(config.node(index)));
  }

  /** Per key, the value of the write acknowledged last. */
  static TreeMap<Long, Long> lastAcked(History h) {
    TreeMap<Long, long[]> last = new TreeMap<>();
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == OpKind.WRITE && h.status(op) == OpStatus.OK) {
        long[] seen = last.get(h.key(op));
        if (seen == null || h.completeNanos(op) > seen[0]) {
          last.put(h.key(op), new long[] {h.completeNanos(op), h.value(op)});
        }
      }
    }
    TreeMap<Long, Long> out = new TreeMap<>();
    last.forEach((k, v) -> out.put(k, v[1]));
    return out;
  }

  @Test
  void readRepairAndAntiEntropyCutStaleReadsOfAPartialQuorum() {
    // With 20% message loss some replicas miss writes for good: only a later write of the key,
    // read repair or anti-entropy brings them up to date.
    Settings partial = Settings.defaults().withQuorum(3, 1, 1);
    long none = staleReads(partial);
    long repaired = staleReads(partial.withRepair(true, 0));
    long antiEntropy = staleReads(partial.withRepair(false, 20 * MS));
    System.out.println(
        none
            + " stale reads, "
            + repaired
            + " with read repair, "
            + antiEntropy
            + " with anti-entropy");
    assertTrue(none > 20, "expected stale reads without repair, got " + none);
    assertTrue(repaired < none, repaired + " stale with read repair vs " + none + " without");
    assertTrue(antiEntropy < none, antiEntropy + " stale with anti-entropy vs " + none);
  }

  @Test
  void antiEntropyRefillsARestartedReplica() {
    for (boolean on : new boolean[] {false, true}) {
      Settings config =
          Settings.defaults().withQuorum(3, 2, 2).withRepair(false, on ? 100 * MS : 0);
      Simulation sim =
          // Clients stop before the restart, so only anti-entropy can refill the replica (with
          // writes still flowing, any seed may rewrite every key and hide the difference).
          run(
              config,
              1_100 * MS,
              3,
              s -> {
                int id = s.nodeId(config.node(2));
                s.schedule(1_000 * MS, () -> s.crash(id));
                s.schedule(1_200 * MS, () -> s.restart(id));
              });
      sim.runUntil(3_000 * MS);
      TreeMap<Long, Long> acked = lastAcked(sim.history());
      QuorumReplica restarted = replica(sim, config, 2);
      int missing = 0;
      for (var e : acked.entrySet()) {
        if (restarted.value(e.getKey()) != e.getValue()) {
          missing++;
        }
      }
      if (on) {
        assertEquals(0, missing, "keys the restarted replica lacks with anti-entropy");
      } else {
        assertTrue(missing > 0, "without anti-entropy the restarted replica should lack keys");
      }
    }
  }

  @Test
  void hintedHandoffDeliversWritesTakenBySparesAfterTheHeal() {
    Settings config = Settings.defaults().withQuorum(3, 2, 2).withSloppy(true, 2);
    Simulation sim =
        run(
            config,
            1_500 * MS,
            4,
            s -> {
              List<Integer> minority = List.of(s.nodeId(config.node(1)), s.nodeId(config.node(2)));
              List<Integer> rest = new java.util.ArrayList<>();
              for (int i = 0; i < s.nodeCount(); i++) {
                if (!minority.contains(i)) {
                  rest.add(i);
                }
              }
              s.schedule(500 * MS, () -> s.network().partition(minority, rest, PartitionMode.DROP));
              s.schedule(1_000 * MS, () -> s.network().healAll());
            });
    sim.runUntil(1_000 * MS);
    long hintsDuringPartition =
        replica(sim, config, 3).hintCount() + replica(sim, config, 4).hintCount();
    assertTrue(hintsDuringPartition > 0, "spares should hold hints while home replicas are cut");
    sim.runUntil(3_000 * MS);
    assertEquals(0, replica(sim, config, 3).hintCount() + replica(sim, config, 4).hintCount());
    TreeMap<Long, Long> acked = lastAcked(sim.history());
    for (int home = 0; home < 3; home++) {
      for (var e : acked.entrySet()) {
        assertEquals(
            (long) e.getValue(),
            replica(sim, config, home).value(e.getKey()),
            "home replica " + home + " key " + e.getKey());
      }
    }
  }
}
