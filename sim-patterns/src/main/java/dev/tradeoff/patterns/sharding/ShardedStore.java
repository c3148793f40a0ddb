package dev.tradeoff.patterns.sharding;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import dev.tradeoff.patterns.routing.KeyRouter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A built {@code sharded} system: {@code max(shards, resizeTo)} backend instances (those only a
 * resize uses sit idle until then), the migrator when a resize copies keys, the shared {@link
 * Topology} and {@link Tally}, and the series. See {@link Sharded} for the parameters.
 */
public final class ShardedStore implements Store {
  /** The migrator's node name. */
  /** The migrator node's name, after the store's prefix. */
  public static final String MIGRATOR = "resharder";

  /** The client index the migrator's backend drivers use (no workload client has it). */
  private static final int MIGRATOR_CLIENT = 1_000_000;

  private final Store[] backends;
  private final String migratorName;
  private final List<List<String>> shardNodes = new ArrayList<>();
  private final Topology topology;
  private final Tally tally;
  private final Salt salt;
  private final long resizeAtNanos;
  private final double migrationRate;
  private final String migratorZone;

  /**
   * A sharded store of {@code shards} instances of {@code backend} (shard {@code i} built with
   * prefix {@code s<i>-}), routed by {@code router}; at {@code resizeAtNanos} (0: never) it resizes
   * to {@code resizeTo} shards, copying moved keys at {@code migrationRate} keys per second (0: not
   * at all).
   */
  ShardedStore(
      String prefix,
      Backend backend,
      KeyRouter router,
      int resizeTo,
      long keySpace,
      Salt salt,
      long resizeAtNanos,
      double migrationRate) {
    this.migratorName = prefix + MIGRATOR;
    int count = resizeAtNanos > 0 ? Math.max(router.shards(), resizeTo) : router.shards();
    backends = new Store[count];
    for (int i = 0; i < count; i++) {
      backends[i] = backend.build(prefix + "s" + i + "-");
      shardNodes.add(List.copyOf(backends[i].nodes()));
    }
    KeyRouter after = resizeAtNanos > 0 ? router.resized(resizeTo) : router;
    this.topology = new Topology(router, after, keySpace, salt);
    this.tally = new Tally(count);
    this.salt = salt;
    this.resizeAtNanos = resizeAtNanos;
    this.migrationRate = migrationRate;
    this.migratorZone = backends[0].zones().get(0);
  }

  private boolean migrates() {
    return resizeAtNanos > 0 && migrationRate > 0;
  }

  /** Number of shard instances built (the larger of the shard counts before and after a resize). */
  public int shardCount() {
    return backends.length;
  }

  /** The node names of shard {@code shard}. */
  public List<String> shardNodes(int shard) {
    return shardNodes.get(shard);
  }

  /** Share of keys {@code [0, keySpace)} whose owner the resize changed (0 before it). */
  public double movedShare() {
    return topology.movedShare();
  }

  /** Keys (salted sub-keys included) whose owner the resize changed. */
  public int movedKeys() {
    return topology.movedKeys();
  }

  /** Keys the migrator copied so far. */
  public long copiedKeys() {
    return tally.copiedKeys();
  }

  /** Moved keys not yet copied. */
  public long pendingKeys() {
    return topology.pending();
  }

  /** The shard that served {@code key} before the resize. */
  public int ownerBefore(long key) {
    return topology.oldOwner(key);
  }

  /** The shard that serves {@code key} after the resize. */
  public int ownerAfter(long key) {
    return topology.newOwner(key);
  }

  /** Requests shard {@code shard} received so far. */
  public long load(int shard) {
    return tally.load(shard);
  }

  /** Requests for moved keys sent to their old owner before their copy. */
  public long requestsAtOldOwner() {
    return tally.atOldOwner();
  }

  /** Requests for moved keys held while their key was copied. */
  public long requestsHeld() {
    return tally.held();
  }

  /** Requests for moved keys sent to their new owner. */
  public long requestsAtNewOwner() {
    return tally.atNewOwner();
  }

  @Override
  public List<String> nodes() {
    List<String> names = new ArrayList<>();
    shardNodes.forEach(names::addAll);
    if (migrates()) {
      names.add(migratorName);
    }
    return names;
  }

  @Override
  public List<String> zones() {
    LinkedHashSet<String> zones = new LinkedHashSet<>();
    for (Store b : backends) {
      zones.addAll(b.zones());
    }
    return List.copyOf(zones);
  }

  @Override
  public void addTo(Simulation sim) {
    for (Store b : backends) {
      b.addTo(sim);
    }
    if (migrates()) {
      sim.addNode(
          NodeSpec.of(
              migratorName,
              migratorZone,
              () ->
                  new Migrator(
                      drivers(MIGRATOR_CLIENT),
                      shardNodes,
                      topology,
                      tally,
                      resizeAtNanos,
                      migrationRate)));
    } else if (resizeAtNanos > 0) {
      sim.schedule(resizeAtNanos, () -> topology.flip(false));
    }
    probes(sim);
  }

  private void probes(Simulation sim) {
    for (int i = 0; i < backends.length; i++) {
      int shard = i;
      sim.metrics()
          .probe(
              "shard-load/s" + i, "req/s", () -> tally.loadSinceLastSample(shard) / seconds(sim));
      sim.metrics()
          .probe("shard-p99/s" + i, "ms", () -> tally.p99NanosSinceLastSample(shard) / 1e6);
      sim.metrics().probe("shard-ok/s" + i, "share", () -> tally.okShareSinceLastSample(shard));
    }
    sim.metrics()
        .probe(
            "shard-skew/hottest-over-median",
            "hottest / median",
            () -> tally.skewSinceLastSample(topology.activeShards()));
    sim.metrics()
        .probe("hot-key/rate", "req/s", () -> tally.hottestKeySinceLastSample() / seconds(sim));
    if (resizeAtNanos > 0) {
      sim.metrics().probe("resize/moved-share", "share", topology::movedShare);
      sim.metrics().probe("resize/keys-pending", "keys", () -> (double) topology.pending());
      long[] last = new long[3];
      sim.metrics()
          .probe(
              "resize-requests/old-owner", "req/s", () -> delta(last, 0, tally.atOldOwner(), sim));
      sim.metrics().probe("resize-requests/held", "req/s", () -> delta(last, 1, tally.held(), sim));
      sim.metrics()
          .probe(
              "resize-requests/new-owner", "req/s", () -> delta(last, 2, tally.atNewOwner(), sim));
    }
  }

  private static double seconds(Simulation sim) {
    return sim.metrics().intervalNanos() / 1e9;
  }

  private static double delta(long[] last, int i, long now, Simulation sim) {
    long d = now - last[i];
    last[i] = now;
    return d / seconds(sim);
  }

  private StoreClient[] drivers(int clientIndex) {
    StoreClient[] drivers = new StoreClient[backends.length];
    for (int i = 0; i < backends.length; i++) {
      drivers[i] = backends[i].client(clientIndex);
    }
    return drivers;
  }

  @Override
  public StoreClient client(int index) {
    return new ShardDriver(drivers(index), shardNodes, topology, tally, salt, index);
  }

  /** The checkers every shard offers, each run per shard and added up ({@link PerShard}). */
  @Override
  public StoreCheckers checkers() {
    StoreCheckers.Builder table = StoreCheckers.builder();
    for (String name : backends[0].checkers().names()) {
      table.add(name, () -> new PerShard(name, backends, this::finalOwner));
    }
    return table.build();
  }

  /** The shard that owns {@code key} at the end, or -1 for a moved or salted key. */
  private int finalOwner(long key) {
    if (salt.salted(key)) {
      return -1;
    }
    if (topology.flipped()) {
      return topology.oldOwner(key) == topology.newOwner(key) ? topology.newOwner(key) : -1;
    }
    return topology.route(key);
  }
}
