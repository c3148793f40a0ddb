package dev.tradeoff.patterns.log;

import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The log as a building block of another pattern (a CQRS projection, an outbox relay's target):
 * brokers, the controller with its group coordinator and one consumer group whose members hand each
 * record to the pattern's {@link RecordHandler}, plus {@link Publisher}s for the pattern's nodes.
 * It is the same cluster as the {@code log} pattern's — same protocol, same series ({@code
 * consumer-lag/…}, {@code log/…}) — reached through this facade so the log's classes stay
 * package-private.
 *
 * <p>Contract: {@link #params()} are the log parameters a host pattern declares under the same
 * names; {@link #of} reads them from the host's {@link Config}; {@link #addTo} once, before any
 * {@link #publisher}; {@link #finalRecords} after the run.
 */
public final class LogBackbone {
  /** The log parameters a host pattern takes over, by name; the rest are fixed below. */
  private static final Set<String> SHARED =
      Set.of(
          "brokers",
          "partitions",
          "replicationFactor",
          "acks",
          "minInsync",
          "uncleanElection",
          "idempotent",
          "commitInterval",
          "sessionTimeout",
          "heartbeat",
          "replicaLagMax",
          "flushInterval",
          "requestTimeout",
          "retryBackoff",
          "deliveryTimeout",
          "processCost",
          "pollInterval",
          "maxPollRecords");

  /** A record of the final log: where it sits and what it holds. */
  public record LogRecord(int partition, long offset, long key, long value) {}

  private final LogSettings settings;
  private final LogCluster cluster;

  private LogBackbone(LogSettings settings, IntFunction<RecordHandler> handlers) {
    this.settings = settings;
    this.cluster = new LogCluster(settings, handlers);
  }

  /** The log's parameters a host pattern declares, in the log's order, with the log's defaults. */
  public static List<Param> params() {
    List<Param> shared = new ArrayList<>();
    for (Param p : new EventLog().params()) {
      if (SHARED.contains(p.name())) {
        shared.add(p);
      }
    }
    return shared;
  }

  /** A problem with the log values in {@code host}, as {@code {parameter, message}}, or null. */
  public static String[] validate(Config host) {
    return EventLog.validateShared(host);
  }

  /**
   * The log {@code host} describes: nodes {@code <prefix>-broker-<i>}, {@code <prefix>-controller}
   * and {@code members} group members {@code <prefix>-<role>-<i>} (at least once), each handing
   * records to a fresh {@code handlers.apply(i)} per incarnation.
   */
  public static LogBackbone of(
      Config host,
      String prefix,
      String zone,
      String role,
      int members,
      IntFunction<RecordHandler> handlers) {
    Config c =
        host.with("name", prefix)
            .with("zone", zone)
            .with("topic", "events")
            .with("consumers", (long) members)
            .with("groups", 1L)
            .with("subscribe", "") // its projectors read the main topic
            .with("commit", "at-least-once")
            .with("workers", 1L)
            .with("queue", 100_000L)
            .with("service", dev.tradeoff.core.random.Distribution.exponential(200_000))
            .with("restoreCost", 0L)
            .with("poison", 0.0)
            .with("dlqAttempts", 3L)
            .with("monitor", 0L);
    return new LogBackbone(EventLog.settings(c, role), handlers);
  }

  /** Every node name: brokers, the controller, the group's members. */
  public List<String> nodeNames() {
    return settings.nodeNames();
  }

  /** The topic's partitions. */
  public int partitions() {
    return settings.partitions();
  }

  /** The partition a record with {@code key} goes to. */
  public int partitionOf(long key) {
    return settings.partitionOf(key);
  }

  /** Member {@code i}'s node name. */
  public String memberName(int i) {
    return settings.consumerName(0, i);
  }

  /** Adds the log's nodes and its series ({@code consumer-lag/…}, {@code log/…}) to {@code sim}. */
  public void addTo(Simulation sim) {
    cluster.addTo(sim);
  }

  /**
   * A new producer with a fresh id that gives a record up {@code deliveryTimeoutNanos} after first
   * sending it ({@code Long.MAX_VALUE}: never). Call from a host node's {@code onStart}.
   */
  public Publisher publisher(long deliveryTimeoutNanos) {
    return new Publisher(cluster.producer(deliveryTimeoutNanos));
  }

  /** The log's own {@code deliveryTimeout}. */
  public long deliveryTimeoutNanos() {
    return settings.deliveryTimeoutNanos();
  }

  /**
   * The topic's records at the end of the run, partition by partition in offset order: each
   * partition's log as its live leader holds it, or, with none, its most up-to-date live replica.
   */
  public List<LogRecord> finalRecords() {
    List<LogRecord> records = new ArrayList<>();
    for (int p = 0; p < settings.partitions(); p++) {
      List<LogMessages.Entry> log = cluster.finalEntries(p);
      for (int i = 0; i < log.size(); i++) {
        records.add(new LogRecord(p, i, log.get(i).key(), log.get(i).value()));
      }
    }
    return records;
  }
}
