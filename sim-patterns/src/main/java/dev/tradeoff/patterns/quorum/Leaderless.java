package dev.tradeoff.patterns.quorum;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.NodeCpus;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code leaderless}: a Dynamo-style group of N replicas with client-side coordinators that send
 * each request to all N and wait for W acks or R replies (see {@link QuorumCoordinator} and {@link
 * QuorumReplica}); optional read repair, anti-entropy, sloppy quorums over spare nodes with hinted
 * handoff, and the WARS delay models of the PBS paper ({@link QuorumWars}).
 *
 * <p>With R + W > N and no sloppy quorum, every read quorum meets every acknowledged write's
 * quorum, so no read is stale (in the absence of crashes, which lose a replica's memory, and of
 * client clock skew, which reorders last-writer-wins versions). With R + W ≤ N, reads are stale
 * with a probability that falls with the time since the write — what PBS measures.
 */
public final class Leaderless implements PatternSpec {
  /** The pattern, for {@link dev.tradeoff.patterns.catalog.PatternCatalog}. */
  public Leaderless() {}

  @Override
  public String name() {
    return "leaderless";
  }

  @Override
  public String description() {
    return "Dynamo-style leaderless quorums (N, R, W) with read repair, anti-entropy, sloppy quorum";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "replica", "node name prefix: nodes are name-0 … name-(n+spares-1)"),
        Param.string("zone", "dc1", "the nodes' zone"),
        Param.integer("n", 3, 1, 15, "replicas per key (the home replicas name-0 … name-(n-1))"),
        Param.integer("r", 2, 1, 15, "read replies the coordinator waits for (<= n)"),
        Param.integer("w", 2, 1, 15, "write acks the coordinator waits for (<= n)"),
        Param.integer("spares", 0, 0, 15, "extra nodes a sloppy quorum falls back to"),
        Param.integer("workers", 1, 1, 10_000, "CPU servers per node"),
        Param.integer("queue", 100_000, 0, 100_000_000, "requests waiting beyond busy workers"),
        Param.distribution("service", "exp(0.5ms)", "service time of a read or write at a replica"),
        Param.integerPerNode(
            "workerCounts",
            1,
            10_000,
            "CPU servers of named nodes instead of workers, e.g. \"replica-2=1\"; empty none"),
        Param.distributionPerNode(
            "serviceTimes",
            "service times of named nodes instead of service (a slower machine), e.g."
                + " \"replica-2=exp(3ms)\"; empty none"),
        Param.bool("readRepair", false, "after a read, send the newest version to stale replicas"),
        Param.duration("antiEntropy", "0s", 0, "interval of anti-entropy exchanges; 0s = off"),
        Param.bool("sloppyQuorum", false, "fall back to spares (with hinted handoff)"),
        Param.duration("sloppyAfter", "50ms", 1_000, "wait before falling back to a spare"),
        Param.duration("handoff", "100ms", 1_000_000, "interval at which spares retry hints"),
        Param.duration(
            "coordinatorTimeout", "1s", 1_000_000, "how long the coordinator keeps a request"),
        Param.choice(
            "wars", QuorumWars.words(), "message delays from the PBS paper's fits instead of 0"));
  }

  @Override
  public String[] validate(Config config) {
    long n = config.integer("n");
    if (config.integer("r") > n) {
      return new String[] {"r", "must be <= n (" + n + "), got " + config.integer("r")};
    }
    if (config.integer("w") > n) {
      return new String[] {"w", "must be <= n (" + n + "), got " + config.integer("w")};
    }
    if (config.bool("sloppyQuorum") && config.integer("spares") < 1) {
      return new String[] {"spares", "must be >= 1 for a sloppy quorum, got 0"};
    }
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < n + config.integer("spares"); i++) {
      nodes.add(config.string("name") + "-" + i);
    }
    return NodeCpus.unknownNode(config, nodes, "node");
  }

  @Override
  public Store build(Config config) {
    return new QuorumStore(settings(config), NodeCpus.of(config));
  }

  /** The store {@code config} describes. */
  public static Store build(Settings config) {
    return new QuorumStore(config);
  }

  /** The typed settings of a scenario's values. */
  public static Settings settings(Config c) {
    return new Settings(
        c.string("name"),
        c.string("zone"),
        (int) c.integer("n"),
        (int) c.integer("r"),
        (int) c.integer("w"),
        (int) c.integer("spares"),
        (int) c.integer("workers"),
        (int) c.integer("queue"),
        c.distribution("service"),
        c.bool("readRepair"),
        c.nanos("antiEntropy"),
        c.bool("sloppyQuorum"),
        c.nanos("sloppyAfter"),
        c.nanos("handoff"),
        c.nanos("coordinatorTimeout"),
        QuorumWars.of(c.string("wars")));
  }
}
