package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A leaderless group as a {@link Store}: nodes {@code name-0 … name-(n+spares-1)} in one zone, a
 * {@link QuorumCoordinator} per client, and the series {@code leaderless/hints} (hinted writes
 * spares still hold) and {@code leaderless/keys-min} (keys on the emptiest home replica, which
 * shows anti-entropy and read repair filling a replica back in).
 */
final class QuorumStore implements Store {
  private final Settings config;
  private final List<String> nodes;
  private final Map<String, Long> workerCounts;
  private final Map<String, Distribution> serviceTimes;

  QuorumStore(Settings config) {
    this(config, Map.of(), Map.of());
  }

  /**
   * A group whose nodes named in {@code workerCounts} and {@code serviceTimes} have those CPUs
   * instead of the settings' {@code workers} and {@code serviceNanos}.
   */
  QuorumStore(
      Settings config, Map<String, Long> workerCounts, Map<String, Distribution> serviceTimes) {
    this.config = config;
    this.workerCounts = Map.copyOf(workerCounts);
    this.serviceTimes = Map.copyOf(serviceTimes);
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
              NodeSpec.of(config.node(i), config.zone(), () -> new QuorumReplica(config, index))
                  .cpu(
                      workerCounts.getOrDefault(config.node(i), (long) config.workers()).intValue(),
                      config.queue(),
                      serviceTimes.getOrDefault(config.node(i), config.serviceNanos())));
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
