package com.example.tinykv;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Run;
import java.util.List;

/** Builds one property case: a TinyKv node named {@code kv} and the case's clients. */
public final class TinyKvRuns {
  private TinyKvRuns() {}

  /**
   * What a run's system is: how the store was configured.
   *
   * @param syncBeforeAck whether the store syncs its disk before acknowledging a write
   */
  public record Setup(boolean syncBeforeAck) {}

  /** The run of {@code c}, not yet run: its simulation and the store's setup. */
  public static Run<Setup> build(Case c, boolean syncBeforeAck) {
    Simulation sim = new Simulation(c.seed());
    // the node is built again when it restarts, so each restart reloads from the disk
    sim.addNode(NodeSpec.of("kv", "servers", () -> new TinyKv(syncBeforeAck)));
    new Workload(
            c.clients(),
            Arrivals.poisson(200), // operations a second, over all clients
            0.5,
            KeyDistribution.uniform(3),
            List.of("kv"),
            100_000_000L, // an operation unanswered after 100 ms ends unknown
            c.runNanos())
        .addTo(sim, "clients");
    return Run.of(c, sim, new Setup(syncBeforeAck));
  }
}
