package dev.tradeoff.patterns.quorum;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Staleness;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the leaderless store, with the fault harness: a strict quorum (R + W > N) without a
 * sloppy quorum never serves a stale read, with no faults and under random partitions; a partial
 * quorum does; and a sloppy quorum under partitions does too, because acknowledged writes can sit
 * on spares that no read quorum of home replicas meets.
 */
class QuorumPropertyTest {
  static final long MS = 1_000_000L;
  static final long RUN_NANOS = 3_000 * MS;
  static final int CLIENTS = 4;

  static List<String> nodes(Settings config, boolean withClients) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < config.nodeCount(); i++) {
      names.add(config.node(i));
    }
    if (withClients) {
      for (int i = 0; i < CLIENTS; i++) {
        names.add("client-" + i);
      }
    }
    return names;
  }

  /**
   * The run of {@code c}: a group under a closed-loop read/write workload on few keys, clients
   * stopping 0.5 s early.
   */
  static Run<Store> build(Case c, Settings config) {
    Simulation sim = new Simulation(c.seed());
    sim.network().defaultLatency(Distribution.exponential(1 * MS));
    Store store = Leaderless.build(config);
    store.addTo(sim);
    new Workload(
            c.clients(),
            Arrivals.closedLoop(Distribution.exponential(5 * MS)),
            0.5,
            KeyDistribution.uniform(10),
            List.of(),
            200 * MS,
            c.runNanos() - 500 * MS,
            store::client)
        .addTo(sim, "clients");
    return Run.of(c, sim, store);
  }

  static String noStaleReads(Simulation sim) {
    StalenessReport report = new Staleness(List.of(0L)).report(sim.history());
    if (report.reads() == 0) {
      return "no reads were checked";
    }
    return report.staleReads() == 0
        ? null
        : report.staleReads()
            + " stale reads of "
            + report.reads()
            + "; first: "
            + report.result().witnesses().get(0);
  }

  static NemesisConfig faultFree(Settings config) {
    return NemesisConfig.builder(nodes(config, false), RUN_NANOS).eventsPerSecond(0, 0).build();
  }

  /** Partitions over replicas, spares and clients, so clients can be cut off from replicas. */
  static NemesisConfig partitions(Settings config) {
    return NemesisConfig.builder(nodes(config, true), RUN_NANOS)
        .kinds(List.of("partition"))
        .eventsPerSecond(2, 4)
        .kindOffProbability(0)
        .durationNanos(300 * MS, 1_000 * MS)
        .quietNanos(500 * MS)
        .build();
  }

  static Property.Builder<Store> property(String name, Settings config, NemesisConfig nemesis) {
    return Property.named(name)
        .nemesis(nemesis)
        .clients(CLIENTS)
        .system(c -> build(c, config))
        .invariant("no stale reads", QuorumPropertyTest::noStaleReads)
        .seed(100);
  }

  static final Settings STRICT = Settings.defaults().withQuorum(3, 2, 2);
  static final Settings SLOPPY = STRICT.withSloppy(true, 2);

  @Test
  void strictQuorumHasNoStaleReadsWithoutFaults() {
    property("R=2 W=2 N=3 reads are fresh", STRICT, faultFree(STRICT)).tries(10).build().check();
  }

  @Test
  void strictQuorumHasNoStaleReadsUnderPartitions() {
    property("R=2 W=2 N=3 reads are fresh under partitions", STRICT, partitions(STRICT))
        .tries(10)
        .build()
        .check();
  }

  @Test
  void partialQuorumServesStaleReadsWithoutFaults() {
    Settings partial = Settings.defaults().withQuorum(3, 1, 1);
    Property<Store> p =
        property("R=1 W=1 N=3 reads are fresh", partial, faultFree(partial))
            .replayTest("QuorumPropertyTest#partialQuorumServesStaleReadsWithoutFaults")
            .tries(10)
            .build();
    AssertionError e = assertThrows(AssertionError.class, p::check);
    assertTrue(e.getMessage().contains("stale reads"), e.getMessage());
  }

  @Test
  void sloppyQuorumServesStaleReadsUnderPartitions() {
    Property<Store> p =
        property("sloppy R=2 W=2 N=3 reads are fresh under partitions", SLOPPY, partitions(SLOPPY))
            .replayTest("QuorumPropertyTest#sloppyQuorumServesStaleReadsUnderPartitions")
            .tries(20)
            .build();
    AssertionError e = assertThrows(AssertionError.class, p::check);
    assertTrue(e.getMessage().contains("stale reads"), e.getMessage());
    assertTrue(e.getMessage().contains("partition"), e.getMessage());
  }

  @Test
  void sloppyQuorumWithoutFaultsIsStillStrict() {
    property("sloppy R=2 W=2 N=3 reads are fresh", SLOPPY, faultFree(SLOPPY))
        .tries(5)
        .build()
        .check();
  }
}
