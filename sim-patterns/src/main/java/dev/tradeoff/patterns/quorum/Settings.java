package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.random.Distribution;

/**
 * The settings of one leaderless quorum group (see {@link Leaderless} for their meaning).
 *
 * @param name node name prefix: nodes are {@code name-0 … name-(n+spares-1)}
 * @param zone the zone of every node
 * @param n replicas per key (the home replicas {@code name-0 … name-(n-1)})
 * @param r read replies the coordinator waits for
 * @param w write acks the coordinator waits for
 * @param spares extra nodes after the home replicas, used only by sloppy quorums
 * @param workers CPU servers per node
 * @param queue CPU queue per node
 * @param serviceNanos service time of a client read or write at a replica
 * @param readRepair whether the coordinator repairs stale replicas after a read
 * @param antiEntropyNanos interval between a replica's anti-entropy exchanges; 0 = off
 * @param sloppyQuorum whether writes and reads fall back to spares
 * @param sloppyAfterNanos how long the coordinator waits for a home replica before falling back
 * @param handoffNanos interval at which spares retry handing hints to their home replicas
 * @param coordinatorTimeoutNanos how long the coordinator keeps a request's state
 * @param wars the WARS delay model, or {@link QuorumWars#NONE}
 */
public record Settings(
    String name,
    String zone,
    int n,
    int r,
    int w,
    int spares,
    int workers,
    int queue,
    Distribution serviceNanos,
    boolean readRepair,
    long antiEntropyNanos,
    boolean sloppyQuorum,
    long sloppyAfterNanos,
    long handoffNanos,
    long coordinatorTimeoutNanos,
    QuorumWars wars) {

  private static final long MS = 1_000_000L;

  /** Checks what {@link Leaderless#validate} checks, as exceptions. */
  public Settings {
    if (n < 1 || r < 1 || w < 1 || r > n || w > n) {
      throw new IllegalArgumentException("need 1 <= r, w <= n, got n=" + n + " r=" + r + " w=" + w);
    }
    if (sloppyQuorum && spares < 1) {
      throw new IllegalArgumentException("a sloppy quorum needs spares >= 1");
    }
    if (handoffNanos <= 0 || sloppyAfterNanos <= 0 || coordinatorTimeoutNanos <= 0) {
      throw new IllegalArgumentException("handoff, sloppyAfter and coordinatorTimeout must be > 0");
    }
  }

  /** The defaults of the scenario format: N=3, R=W=2, nothing optional on, no WARS. */
  public static Settings defaults() {
    return new Settings(
        "replica",
        "dc1",
        3,
        2,
        2,
        0,
        1,
        100_000,
        Distribution.exponential(0.5 * MS),
        false,
        0,
        false,
        50 * MS,
        100 * MS,
        1_000 * MS,
        QuorumWars.NONE);
  }

  /** This config with N, R and W. */
  public Settings withQuorum(int newN, int newR, int newW) {
    return copy(
        c -> {
          c.n = newN;
          c.r = newR;
          c.w = newW;
        });
  }

  /** This config with another service time. */
  public Settings withService(Distribution newServiceNanos) {
    return copy(c -> c.serviceNanos = newServiceNanos);
  }

  /** This config with a WARS model. */
  public Settings withWars(QuorumWars newWars) {
    return copy(c -> c.wars = newWars);
  }

  /** This config with read repair and anti-entropy set. */
  public Settings withRepair(boolean newReadRepair, long newAntiEntropyNanos) {
    return copy(
        c -> {
          c.readRepair = newReadRepair;
          c.antiEntropyNanos = newAntiEntropyNanos;
        });
  }

  /** This config with a sloppy quorum over {@code newSpares} spares, or none. */
  public Settings withSloppy(boolean newSloppy, int newSpares) {
    return copy(
        c -> {
          c.sloppyQuorum = newSloppy;
          c.spares = newSpares;
        });
  }

  /** This config keeping a request's state for {@code nanos}. */
  public Settings withCoordinatorTimeout(long nanos) {
    return copy(c -> c.coordinatorTimeoutNanos = nanos);
  }

  /** This config with the changes {@code edit} makes to a mutable copy of its fields. */
  private Settings copy(java.util.function.Consumer<Fields> edit) {
    Fields f = new Fields(this);
    edit.accept(f);
    return f.build();
  }

  /** The fields, mutable, for {@link #copy}: one list of them instead of one per wither. */
  private static final class Fields {
    String name;
    String zone;
    int n;
    int r;
    int w;
    int spares;
    int workers;
    int queue;
    Distribution serviceNanos;
    boolean readRepair;
    long antiEntropyNanos;
    boolean sloppyQuorum;
    long sloppyAfterNanos;
    long handoffNanos;
    long coordinatorTimeoutNanos;
    QuorumWars wars;

    Fields(Settings c) {
      name = c.name;
      zone = c.zone;
      n = c.n;
      r = c.r;
      w = c.w;
      spares = c.spares;
      workers = c.workers;
      queue = c.queue;
      serviceNanos = c.serviceNanos;
      readRepair = c.readRepair;
      antiEntropyNanos = c.antiEntropyNanos;
      sloppyQuorum = c.sloppyQuorum;
      sloppyAfterNanos = c.sloppyAfterNanos;
      handoffNanos = c.handoffNanos;
      coordinatorTimeoutNanos = c.coordinatorTimeoutNanos;
      wars = c.wars;
    }

    Settings build() {
      return new Settings(
          name,
          zone,
          n,
          r,
          w,
          spares,
          workers,
          queue,
          serviceNanos,
          readRepair,
          antiEntropyNanos,
          sloppyQuorum,
          sloppyAfterNanos,
          handoffNanos,
          coordinatorTimeoutNanos,
          wars);
    }
  }

  /** Name of node {@code index} (home replicas first, then spares). */
  public String node(int index) {
    return name + "-" + index;
  }

  /** Home replicas plus spares. */
  public int nodeCount() {
    return n + spares;
  }
}
