package dev.tradeoff.patterns.multileader;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.NodeCpus;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.List;

/**
 * {@code multi-leader}: {@code regions} leaders, leader {@code i} named {@code name-i} in zone
 * {@code zone-i}, each accepting reads and writes from its clients (client {@code c} talks to
 * leader {@code c % regions}) and replicating asynchronously to all the others, with concurrent
 * writes resolved by the {@code conflicts} policy. See {@link MultiLeaderNode} for the protocol and
 * {@link ConflictPolicy} for the policies.
 */
public final class MultiLeader implements PatternSpec {
  @Override
  public String name() {
    return "multi-leader";
  }

  @Override
  public String description() {
    return "one leader per region, asynchronous exchange, LWW / version vectors / merge";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.integer("regions", 3, 2, 16, "leaders, one per zone"),
        Param.string("name", "leader", "node name prefix: leaders are name-0, name-1, ..."),
        Param.string("zone", "region", "zone prefix: leader i lives in zone-i"),
        Param.integer("workers", 1, 1, 10_000, "CPU servers per leader"),
        Param.integer("queue", 100_000, 0, 100_000_000, "requests waiting beyond busy workers"),
        Param.distribution("service", "exp(1ms)", "service time per client request"),
        Param.integerPerNode(
            "workerCounts",
            1,
            10_000,
            "CPU servers of named leaders instead of workers, e.g. \"leader-2=1\"; empty none"),
        Param.distributionPerNode(
            "serviceTimes",
            "service times of named leaders instead of service (a slower machine), e.g."
                + " \"leader-2=exp(3ms)\"; empty none"),
        Param.duration(
            "exchange",
            "50ms",
            0,
            "how often a leader ships its log to each peer; 0s = each write"),
        Param.integer("batch", 1_000, 1, 1_000_000, "most writes per replication message"),
        Param.choice(
            "conflicts",
            ConflictPolicy.words(),
            "lww (local clocks), version-vectors (siblings) or merge (max value)"));
  }

  @Override
  public String[] validate(Config config) {
    for (String field : List.of("name", "zone")) {
      String prefix = config.string(field);
      if (prefix.isEmpty() || !prefix.equals(prefix.strip())) {
        return new String[] {field, "must be a non-empty prefix without surrounding spaces"};
      }
    }
    List<String> leaders = new java.util.ArrayList<>();
    for (int i = 0; i < config.integer("regions"); i++) {
      leaders.add(config.string("name") + "-" + i);
    }
    return NodeCpus.unknownNode(config, leaders, "leader");
  }

  @Override
  public Store build(Config config) {
    return new MultiLeaderStore(
        (int) config.integer("regions"),
        config.string("name"),
        config.string("zone"),
        NodeCpus.of(config),
        config.nanos("exchange"),
        (int) config.integer("batch"),
        ConflictPolicy.of(config.string("conflicts")));
  }
}
