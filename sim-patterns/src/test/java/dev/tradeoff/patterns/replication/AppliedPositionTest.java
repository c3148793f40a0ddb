package dev.tradeoff.patterns.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Positions;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.PatternDefaults;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The applied position each replica publishes ({@link Positions}) is what its reads saw: for every
 * OK read, the value it returned is its key's value in the leader's log cut at a position the
 * answering replica held while the read was in flight. Checked against the history on a run whose
 * followers lag (reads from any replica, a 20 ms apply delay), so that positions differ between
 * replicas and many reads are stale.
 */
class AppliedPositionTest {
  private static final long MS = 1_000_000L;

  @Test
  void everyReadSawItsKeyAsOfTheAnsweringReplicasAppliedPosition() {
    Simulation sim = new Simulation(7);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    LeaderFollower.Group group =
        (LeaderFollower.Group)
            new LeaderFollower()
                .build(
                    PatternDefaults.config(
                        new LeaderFollower(),
                        Map.of("reads", "any", "applyDelay", Distribution.exponential(20 * MS))));
    group.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(400),
            0.5,
            KeyDistribution.uniform(20),
            List.of(),
            1_000_000_000L,
            3_000_000_000L,
            group::client)
        .addTo(sim, "clients");
    sim.runUntil(4_000_000_000L);

    History h = sim.history();
    Positions positions = sim.metrics().positions();
    ReplicaNode leader = (ReplicaNode) sim.nodeInstance(sim.nodeId("db-0"));
    List<Messages.Entry> log = leader.logView();
    assertEquals(List.of("db-0", "db-1", "db-2"), positions.lanes());
    for (String name : positions.lanes()) {
      ReplicaNode r = (ReplicaNode) sim.nodeInstance(sim.nodeId(name));
      assertEquals(r.appliedIndex(), positions.at(name, Long.MAX_VALUE), name);
      assertEquals("log index", positions.unit(name));
    }
    // The value of each key after each prefix of the leader's log, walked once per read.
    long checked = 0;
    long behindLeader = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) != OpKind.READ || h.status(op) != OpStatus.OK || h.server(op) == null) {
        continue;
      }
      String node = h.server(op);
      long from = positions.at(node, h.invokeNanos(op));
      long to = positions.at(node, h.completeNanos(op));
      assertTrue(from >= 0 && from <= to && to <= log.size(), () -> node + " " + from + ".." + to);
      boolean matched = false;
      for (long p = from; p <= to && !matched; p++) {
        matched = valueAt(log, p, h.key(op)) == h.result(op);
      }
      int read = op;
      assertTrue(matched, () -> "op " + read + " by " + node + " at positions " + from + ".." + to);
      checked++;
      if (to < positions.at("db-0", h.invokeNanos(op))) {
        behindLeader++;
      }
    }
    assertTrue(checked > 300, "reads checked: " + checked);
    assertTrue(behindLeader > 50, "reads answered behind the leader: " + behindLeader);
  }

  /** Key {@code key}'s value after the first {@code position} entries of {@code log}. */
  private static long valueAt(List<Messages.Entry> log, long position, long key) {
    Long2LongOpenHashMap state = new Long2LongOpenHashMap();
    state.defaultReturnValue(History.NIL);
    for (int i = 0; i < position; i++) {
      Messages.Entry e = log.get(i);
      if (e.takesEffect(state)) {
        state.put(e.key(), e.value());
      }
    }
    return state.get(key);
  }
}
