package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.NodeCpus;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * A leaderless group as a {@link Store}: nodes {@code name-0 … name-(n+spares-1)} in one zone, a
 * {@link QuorumCoordinator} per client, and the series {@code leaderless/hints} (hinted writes
 * spares still hold) and {@code leaderless/keys-min} (keys on the emptiest home replica, which
 * shows anti-entropy and read repair filling a replica back in).
 */
final class QuorumStore implements Store {
  private final Settings config;
  private final List<String> nodes;
  private final NodeCpus cpus;

  QuorumStore(Settings config) {
    this(config, NodeCpus.uniform(config.workers(), config.queue(), config.serviceNanos()));
  }

  /**
   * A group whose nodes have {@code cpus} (which may name some of them) instead of the settings'.
   */
  QuorumStore(Settings config, NodeCpus cpus) {
    this.config = config;
    this.cpus = cpus;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < config.nodeCount(); i++) {
      names.add(config.node(i));
    }
    this.nodes = List.copyOf(names);
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public List<String> zones() {
    return List.of(config.zone());
  }

  @Override
  public void addTo(Simulation sim) {
    int[] ids = new int[config.nodeCount()];
    for (int i = 0; i < ids.length; i++) {
      int index = i;
      ids[i] =
          sim.addNode(
              cpus.apply(
                  NodeSpec.of(
                      config.node(i), config.zone(), () -> new QuorumReplica(config, index))));
    }
    if (config.spares() > 0) {
      sim.metrics()
          .probe(
              "leaderless/hints",
              "hints",
              () -> {
                long hints = 0;
                for (int i = config.n(); i < ids.length; i++) {
                  if (sim.nodeInstance(ids[i]) instanceof QuorumReplica spare) {
                    hints += spare.hintCount();
                  }
                }
                return hints;
              });
    }
    sim.metrics()
        .probe(
            "leaderless/keys-min",
            "keys",
            () -> {
              long min = Long.MAX_VALUE;
              for (int i = 0; i < config.n(); i++) {
                long keys =
                    sim.nodeInstance(ids[i]) instanceof QuorumReplica replica
                        ? replica.keyCount()
                        : 0;
                min = Math.min(min, keys);
              }
              return min;
            });
  }

  @Override
  public StoreClient client(int index) {
    return new QuorumCoordinator(config);
  }
}
