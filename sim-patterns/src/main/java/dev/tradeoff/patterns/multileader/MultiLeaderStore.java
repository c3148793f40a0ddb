package dev.tradeoff.patterns.multileader;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.check.Convergence;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.NodeCpus;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A built multi-leader group: the leaders, the client routing (client {@code c} to leader {@code c
 * % regions}), its series and its checkers.
 *
 * <p>Series: {@code divergence/keys} (keys whose state differs between any two leaders), {@code
 * conflicts/detected} and {@code conflicts/sibling-reads} (per interval, over all leaders), {@code
 * conflicts/writes} (distinct writes that have met a concurrent write of their key at some leader,
 * so far) and {@code backlog/A to B} (writes of A's log that B has not acknowledged). Conflicts are
 * a measure, not a violation: a policy that resolves them badly shows up in {@code lost-updates}.
 * Checkers: {@code lost-updates} and {@code inverted-updates} ({@link LostUpdates}) and {@code
 * convergence} (the leaders' state digests at the end of the run, {@link Convergence}).
 */
public final class MultiLeaderStore implements Store {
  private final List<String> names = new ArrayList<>();
  private final List<String> zones = new ArrayList<>();
  private final NodeCpus cpus;
  private final long exchangeNanos;
  private final int batch;
  private final ConflictPolicy policy;
  private final Ledger ledger;
  private Simulation sim;

  /** A group of {@code regions} leaders; see {@link MultiLeader} for the parameters. */
  public MultiLeaderStore(
      int regions,
      String namePrefix,
      String zonePrefix,
      int workers,
      int queue,
      Distribution service,
      long exchangeNanos,
      int batch,
      ConflictPolicy policy) {
    this(
        regions,
        namePrefix,
        zonePrefix,
        NodeCpus.uniform(workers, queue, service),
        exchangeNanos,
        batch,
        policy);
  }

  /** As above, with {@code cpus} giving named leaders a CPU of their own. */
  public MultiLeaderStore(
      int regions,
      String namePrefix,
      String zonePrefix,
      NodeCpus cpus,
      long exchangeNanos,
      int batch,
      ConflictPolicy policy) {
    if (regions < 1) {
      throw new IllegalArgumentException("regions must be >= 1, got " + regions);
    }
    for (int i = 0; i < regions; i++) {
      names.add(namePrefix + "-" + i);
      zones.add(zonePrefix + "-" + i);
    }
    this.cpus = cpus;
    this.exchangeNanos = exchangeNanos;
    this.batch = batch;
    this.policy = policy;
    this.ledger = new Ledger(names);
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(names);
  }

  @Override
  public List<String> zones() {
    return List.copyOf(zones);
  }

  /** What the run recorded. */
  public Ledger ledger() {
    return ledger;
  }

  /** The conflict policy. */
  public ConflictPolicy policy() {
    return policy;
  }

  @Override
  public void addTo(Simulation simulation) {
    if (sim != null) {
      throw new IllegalStateException("a store is added to one simulation, once");
    }
    sim = simulation;
    Settings settings = new Settings(names, policy, exchangeNanos, batch, ledger, sim::nowNanos);
    for (int i = 0; i < names.size(); i++) {
      int index = i;
      sim.addNode(
          cpus.apply(
              NodeSpec.of(names.get(i), zones.get(i), () -> new MultiLeaderNode(index, settings))));
    }
    sim.metrics().probe("divergence/keys", "keys", () -> divergentKeys());
    sim.metrics()
        .probe("conflicts/detected", "conflicts/interval", Growth.of(ledger::conflictEvents));
    long[] last = new long[1];
    sim.metrics().probe("conflicts/writes", "writes", () -> ledger.conflictedWrites());
    if (policy == ConflictPolicy.VERSION_VECTORS) {
      sim.metrics()
          .probe(
              "conflicts/sibling-reads",
              "reads/interval",
              () -> {
                long now = 0;
                for (int i = 0; i < names.size(); i++) {
                  MultiLeaderNode node = leader(i);
                  now += node == null ? 0 : node.siblingReads();
                }
                long delta = Math.max(0, now - last[0]);
                last[0] = now;
                return delta;
              });
    }
    for (int from = 0; from < names.size(); from++) {
      for (int to = 0; to < names.size(); to++) {
        if (from != to) {
          int a = from;
          int b = to;
          sim.metrics()
              .probe(
                  "backlog/" + names.get(a) + " to " + names.get(b),
                  "log entries",
                  () -> {
                    MultiLeaderNode node = leader(a);
                    return node == null ? Double.NaN : node.backlog(b);
                  });
        }
      }
    }
  }

  @Override
  public StoreClient client(int index) {
    return StoreClient.direct(names.get(index % names.size()));
  }

  @Override
  public StoreCheckers checkers() {
    return StoreCheckers.builder()
        .add("lost-updates", () -> LostUpdates.all(ledger, policy, this::heldWrites))
        .add("inverted-updates", () -> LostUpdates.inversions(ledger, policy, this::heldWrites))
        .add("convergence", () -> Convergence.of(digests()))
        .build();
  }

  /**
   * Each leader's state digest now, by name; a crashed leader reports 0 (no state). Called after
   * the run, these are what {@code convergence} compares.
   */
  public Map<String, Long> digests() {
    requireAdded();
    Map<String, Long> digests = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      MultiLeaderNode node = leader(i);
      digests.put(names.get(i), node == null ? 0L : node.digest());
    }
    return digests;
  }

  /**
   * Every write some live leader holds now, as a value or a sibling (a write held by several
   * leaders appears once per leader); a crashed leader holds nothing. What {@code lost-updates}
   * judges the end state by.
   */
  public List<Write> heldWrites() {
    requireAdded();
    List<Write> held = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      MultiLeaderNode node = leader(i);
      if (node != null) {
        node.addHeld(held);
      }
    }
    return held;
  }

  /** Keys whose state is not the same on every leader (absent counts as a state). */
  public long divergentKeys() {
    requireAdded();
    int n = names.size();
    MultiLeaderNode[] nodes = new MultiLeaderNode[n];
    for (int i = 0; i < n; i++) {
      nodes[i] = leader(i);
    }
    long divergent = 0;
    for (int i = 0; i < n; i++) {
      if (nodes[i] == null) {
        continue;
      }
      for (long key : nodes[i].keys()) {
        if (seenBefore(nodes, i, key)) {
          continue; // counted with the first leader that holds it
        }
        long digest = nodes[i].keyDigest(key);
        for (int j = 0; j < n; j++) {
          if ((nodes[j] == null ? 0 : nodes[j].keyDigest(key)) != digest) {
            divergent++;
            break;
          }
        }
      }
    }
    return divergent;
  }

  private static boolean seenBefore(MultiLeaderNode[] nodes, int i, long key) {
    for (int j = 0; j < i; j++) {
      if (nodes[j] != null && nodes[j].keyDigest(key) != 0) {
        return true;
      }
    }
    return false;
  }

  private MultiLeaderNode leader(int index) {
    return (MultiLeaderNode) sim.nodeInstance(sim.nodeId(names.get(index)));
  }

  private void requireAdded() {
    if (sim == null) {
      throw new IllegalStateException("the store was not added to a simulation");
    }
  }
}
