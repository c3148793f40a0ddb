package dev.tradeoff.core.workload;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A client workload: how many clients (each one session), when they issue operations, what share
 * are reads (the rest write unique values), which keys, which store nodes they talk to, when an
 * operation is given up as unknown, and when clients stop issuing.
 *
 * @param clients number of client nodes
 * @param arrivals arrival process
 * @param readShare share of operations that are reads, in {@code [0, 1]}
 * @param keys key distribution
 * @param targets names of the store nodes; client {@code i} talks to {@code targets[i % size]}
 * @param timeoutNanos after this long without a response an operation ends {@code info}; {@link
 *     Long#MAX_VALUE} means never (an unanswered operation stays pending)
 * @param issueUntilNanos clients issue operations only before this true time
 * @param storeClients the driver of client {@code i}, for stores that route requests themselves
 *     (see {@link StoreClient}); null sends client {@code i}'s requests to {@code targets[i %
 *     size]}
 * @param queries the fan-out queries
 * @param readsOnlyFromNanos from this true time on, every operation is a read of the next key in
 *     turn (client {@code i} of {@code n} reads keys {@code i, i + n, ...}, so together the clients
 *     read every key): a final read-only phase, so that what the run ends with is read after the
 *     faults; {@link Long#MAX_VALUE} for none. The random draws stay those of a run without the
 *     phase, so operations before it are unchanged
 */
public record Workload(
    int clients,
    Arrivals arrivals,
    double readShare,
    KeyDistribution keys,
    List<String> targets,
    long timeoutNanos,
    long issueUntilNanos,
    IntFunction<StoreClient> storeClients,
    Queries queries,
    long readsOnlyFromNanos) {

  /**
   * Fan-out queries: a share of operations (taken from the reads) reads {@code keys} distinct keys
   * at once — scatter-gather across shards — recorded as one snapshot read (see {@link
   * dev.tradeoff.core.history.History#invokeSnapshotRead}) that completes when its last key's
   * answer arrives, under the operation kind {@code query} in the metrics.
   *
   * @param share share of all operations, in [0, readShare]
   * @param keys keys each query reads, at least 2
   */
  public record Queries(double share, int keys) {
    /** No queries. */
    public static final Queries NONE = new Queries(0, 2);

    /** Validates the fields. */
    public Queries {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("query share must be in [0, 1], got " + share);
      }
      if (keys < 2) {
        throw new IllegalArgumentException("a query reads at least 2 keys, got " + keys);
      }
    }
  }

  /** A workload without a final read-only phase. */
  public Workload(
      int clients,
      Arrivals arrivals,
      double readShare,
      KeyDistribution keys,
      List<String> targets,
      long timeoutNanos,
      long issueUntilNanos,
      IntFunction<StoreClient> storeClients,
      Queries queries) {
    this(
        clients,
        arrivals,
        readShare,
        keys,
        targets,
        timeoutNanos,
        issueUntilNanos,
        storeClients,
        queries,
        Long.MAX_VALUE);
  }

  /** A workload with a driver per client and no queries. */
  public Workload(
      int clients,
      Arrivals arrivals,
      double readShare,
      KeyDistribution keys,
      List<String> targets,
      long timeoutNanos,
      long issueUntilNanos,
      IntFunction<StoreClient> storeClients) {
    this(
        clients,
        arrivals,
        readShare,
        keys,
        targets,
        timeoutNanos,
        issueUntilNanos,
        storeClients,
        Queries.NONE);
  }

  /** A workload whose clients send straight to {@code targets} (no driver). */
  public Workload(
      int clients,
      Arrivals arrivals,
      double readShare,
      KeyDistribution keys,
      List<String> targets,
      long timeoutNanos,
      long issueUntilNanos) {
    this(
        clients,
        arrivals,
        readShare,
        keys,
        targets,
        timeoutNanos,
        issueUntilNanos,
        null,
        Queries.NONE);
  }

  /** This workload with its clients talking through the drivers {@code storeClients} makes. */
  public Workload withStoreClients(IntFunction<StoreClient> storeClients) {
    Objects.requireNonNull(storeClients, "storeClients");
    return with(storeClients, queries);
  }

  /** This workload with fan-out queries. */
  public Workload withQueries(Queries newQueries) {
    return with(storeClients, newQueries);
  }

  /** This workload with only reads from {@code fromNanos} (true time) on. */
  public Workload withReadsOnlyFrom(long fromNanos) {
    return new Workload(
        clients,
        arrivals,
        readShare,
        keys,
        targets,
        timeoutNanos,
        issueUntilNanos,
        storeClients,
        queries,
        fromNanos);
  }

  private Workload with(IntFunction<StoreClient> newStoreClients, Queries newQueries) {
    return new Workload(
        clients,
        arrivals,
        readShare,
        keys,
        targets,
        timeoutNanos,
        issueUntilNanos,
        newStoreClients,
        newQueries,
        readsOnlyFromNanos);
  }

  /** The driver of client {@code index}: see {@link #storeClients()}. */
  public StoreClient storeClient(int index) {
    return storeClients != null
        ? storeClients.apply(index)
        : StoreClient.direct(targets.get(index % targets.size()));
  }

  /** Validates every field. */
  public Workload {
    Objects.requireNonNull(arrivals, "arrivals");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(queries, "queries");
    if (queries.share() > readShare) {
      throw new IllegalArgumentException(
          "query share " + queries.share() + " exceeds the read share " + readShare);
    }
    if (queries != Queries.NONE && queries.keys() > keys.keys()) {
      throw new IllegalArgumentException(
          "a query of " + queries.keys() + " keys from " + keys.keys() + " keys");
    }
    targets = List.copyOf(targets);
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be >= 1, got " + clients);
    }
    if (!(readShare >= 0 && readShare <= 1)) {
      throw new IllegalArgumentException("readShare must be in [0, 1], got " + readShare);
    }
    if (targets.isEmpty() && storeClients == null) {
      throw new IllegalArgumentException("a workload needs at least one target node");
    }
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException("timeout must be > 0, got " + timeoutNanos);
    }
    if (issueUntilNanos < 0) {
      throw new IllegalArgumentException("issueUntil must be >= 0, got " + issueUntilNanos);
    }
    if (readsOnlyFromNanos < 0) {
      throw new IllegalArgumentException("readsOnlyFrom must be >= 0, got " + readsOnlyFromNanos);
    }
  }

  /** Whether operations time out at all. */
  public boolean hasTimeout() {
    return timeoutNanos != Long.MAX_VALUE;
  }

  /**
   * Adds this workload's clients to {@code sim} as nodes {@code client-0 …} in {@code zone},
   * recording into the simulation's history. Returns their ids.
   */
  public List<Integer> addTo(Simulation sim, String zone) {
    return addTo(sim, zone, "client-");
  }

  /**
   * Adds this workload's clients as nodes {@code namePrefix + 0 …} in {@code zone}, so that several
   * workloads can share a simulation. Returns their ids.
   */
  public List<Integer> addTo(Simulation sim, String zone, String namePrefix) {
    List<Integer> ids = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      int index = i;
      int id =
          sim.addNode(
              NodeSpec.of(
                  namePrefix + i,
                  zone,
                  () -> new ClientNode(this, index, sim.history(), sim::nowNanos)));
      sim.history().nameProcess(id, namePrefix + i); // a client records under its node id
      ids.add(id);
    }
    return ids;
  }
}
