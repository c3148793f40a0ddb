package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.patterns.NodeCpus;
import java.util.List;

/**
 * The knobs of a leader/follower group, read from the scenario.
 *
 * @param names the replicas' node names; the first starts as leader
 * @param zones each replica's zone, by index
 * @param workers each replica's CPU servers, by index ({@code workers} unless {@code workerCounts}
 *     names the replica)
 * @param queue CPU queue capacity per replica
 * @param services each replica's service time of a client request, by index ({@code service} unless
 *     {@code serviceTimes} names the replica)
 * @param mode when the leader acknowledges a write
 * @param acks followers that must have received a write first, in {@link Mode#SEMI_SYNC}
 * @param applyDelay how long after receiving entries a follower starts applying them
 * @param applyDelays each replica's apply delay, by index: {@code applyDelay} unless the {@code
 *     applyDelays} parameter names the replica
 * @param applyCostNanos CPU time a follower spends applying one entry
 * @param batchNanos how often the leader ships new entries; 0 ships each write at once
 * @param batchSize the most entries one append carries, so that a follower that was away is caught
 *     up in steps
 * @param reads where reads go
 * @param maxLagNanos the most lag a lag-aware read accepts
 * @param leaderWindowNanos how long after a session's last write its reads go to the leader, under
 *     {@link Reads#LEADER_AFTER_WRITE}
 * @param monitorNanos how often a driver asks every replica for its role and lag; 0 never
 * @param suspectAfterNanos how long a replica may leave a driver's request unanswered before the
 *     driver stops routing to it (and, with monitoring, a replica that missed the last status round
 *     is skipped too); one request every this long probes it again; 0 never skips
 * @param heartbeatNanos how often the leader heartbeats
 * @param failover whether followers elect a new leader when the leader goes quiet
 * @param electionTimeoutNanos quiet time before a follower stands (randomised in [t, 2t))
 * @param leaseNanos how long a leader may act after a majority last confirmed it; 0 no lease
 * @param fencing whether replicas refuse entries from an older term and a leader acknowledges a
 *     write only once a majority holds it in its term (and confirms reads with a majority)
 */
record Settings(
    List<String> names,
    List<String> zones,
    NodeCpus cpus,
    Mode mode,
    int acks,
    Distribution applyDelay,
    List<Distribution> applyDelays,
    long applyCostNanos,
    long batchNanos,
    int batchSize,
    Reads reads,
    long maxLagNanos,
    long leaderWindowNanos,
    long monitorNanos,
    long suspectAfterNanos,
    long heartbeatNanos,
    boolean failover,
    long electionTimeoutNanos,
    long leaseNanos,
    boolean fencing) {

  /** When the leader acknowledges a write. */
  enum Mode {
    /** At once, after applying it locally. */
    ASYNC,
    /** Once {@link Settings#acks()} followers have received it. */
    SEMI_SYNC,
    /** Once every follower has received it. */
    SYNC
  }

  /** Where a driver sends reads. */
  enum Reads {
    /** Always the leader. */
    LEADER,
    /** Any replica, uniformly at random. */
    ANY,
    /** A follower whose reported lag is at most maxLag, else the leader. */
    LAG_AWARE,
    /** The same replica for the whole session (monotonic reads). */
    STICKY,
    /** Any replica, but it answers only once it has applied the session's last seen index. */
    SESSION,
    /**
     * The leader for {@code leaderWindowNanos} after the session's last write, any replica
     * otherwise: read-your-writes as long as no follower lags by more than the window.
     */
    LEADER_AFTER_WRITE
  }

  /** Copies the lists. */
  Settings {
    names = List.copyOf(names);
    zones = List.copyOf(zones);
    applyDelays = List.copyOf(applyDelays);
  }

  /** Number of replicas. */
  int size() {
    return names.size();
  }

  /** A majority of the replicas. */
  int majority() {
    return size() / 2 + 1;
  }

  /**
   * How many followers must hold a write before the leader acknowledges it: by mode, raised to a
   * majority (minus the leader) when fencing.
   */
  int followerAcksNeeded() {
    int byMode =
        switch (mode) {
          case ASYNC -> 0;
          case SEMI_SYNC -> acks;
          case SYNC -> size() - 1;
        };
    return fencing ? Math.max(byMode, majority() - 1) : byMode;
  }
}
