package dev.tradeoff.patterns.log;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.List;
import java.util.Locale;

/**
 * {@code log}: a partitioned, replicated log (Kafka's model) with a consumer group keeping a
 * materialised view, driven by the key-value workload: a write produces the record (key, value) and
 * completes when the partition's leader acknowledges it; a read queries the view — the last value
 * per key applied by the group member that owns the key's partition. See {@link BrokerNode}, {@link
 * ControllerNode}, {@link Producer}, {@link ConsumerNode} and {@link LogDriver}.
 *
 * <p>Nodes: brokers {@code <name>-broker-<i>}, the controller (and group coordinator) {@code
 * <name>-controller}, consumers {@code <name>-consumer-<i>}. Series and checkers: {@link
 * LogCluster}.
 */
public final class EventLog implements PatternSpec {
  /** The pattern, for the catalog. */
  public EventLog() {}

  @Override
  public String name() {
    return "log";
  }

  @Override
  public String description() {
    return "a partitioned replicated log (Kafka) whose consumer group keeps a view of the writes";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "log", "node name prefix: <name>-broker-<i>, <name>-controller …"),
        Param.string("zone", "dc1", "the nodes' zone"),
        Param.string("topic", "events", "the topic's name; dead letters go to <topic>.dlq"),
        Param.integer("brokers", 3, 1, 100, "brokers"),
        Param.integer("partitions", 6, 1, 10_000, "partitions of the topic"),
        Param.integer("replicationFactor", 3, 1, 100, "replicas per partition (<= brokers)"),
        Param.choice("acks", List.of("all", "1"), "when a leader answers a produce"),
        Param.integer("minInsync", 1, 1, 100, "acks=all: fewest in-sync replicas to accept writes"),
        Param.bool(
            "uncleanElection", false, "an out-of-sync replica may lead when no in-sync one is up"),
        Param.bool("idempotent", true, "producers number records; brokers drop retried repeats"),
        Param.integer("consumers", 2, 1, 10_000, "members of each consumer group"),
        Param.integer(
            "groups", 1, 1, 100, "consumer groups, each reading its topic; g0 serves reads"),
        Param.string(
            "subscribe",
            "",
            "each group's topic, g0's first: <topic> or <topic>.dlq, …; unnamed: <topic>"),
        Param.choice(
            "commit",
            List.of("at-least-once", "at-most-once"),
            "commit after processing, or before it"),
        Param.duration("commitInterval", "100ms", 0, "at-least-once commit period; 0 each batch"),
        Param.duration(
            "sessionTimeout", "1s", 1_000_000, "silence before a broker or consumer is dead"),
        Param.duration(
            "heartbeat", "100ms", 1_000_000, "heartbeat interval of brokers and consumers"),
        Param.duration(
            "replicaLagMax", "500ms", 1_000_000, "follower lag before it leaves the ISR"),
        Param.duration("flushInterval", "0s", 0, "broker disk sync period; 0 syncs every append"),
        Param.duration("requestTimeout", "200ms", 1_000_000, "producer's wait before a retry"),
        Param.duration("retryBackoff", "20ms", 0, "producer's wait between retries"),
        Param.duration("deliveryTimeout", "5s", 1_000_000, "producer gives a record up after"),
        Param.integer("workers", 1, 1, 10_000, "CPU servers per broker"),
        Param.integer("queue", 100_000, 0, 100_000_000, "CPU queue per broker"),
        Param.distribution("service", "exp(0.2ms)", "broker CPU time per produce or fetch"),
        Param.duration("processCost", "1ms", 0, "consumer CPU time per record"),
        Param.duration("restoreCost", "10us", 0, "consumer CPU time per record replayed"),
        Param.duration("pollInterval", "5ms", 1_000, "consumer's wait after an empty fetch"),
        Param.integer("maxPollRecords", 100, 1, 100_000, "most records one consumer fetch returns"),
        Param.number("poison", 0, 0, 1, "share of records the handler always fails on"),
        Param.integer("dlqAttempts", 3, 1, 1_000, "attempts before a record is dead-lettered"),
        Param.duration("monitor", "100ms", 0, "driver's poll of the group's assignment; 0 never"));
  }

  @Override
  public String[] validate(Config c) {
    String[] shared = validateShared(c);
    return shared != null
        ? shared
        : Subscriptions.problem(c.string("topic"), c.string("subscribe"), c.integer("groups"));
  }

  /** A problem with the parameters a host pattern shares ({@link LogBackbone#params}), or null. */
  static String[] validateShared(Config c) {
    long rf = c.integer("replicationFactor");
    if (rf > c.integer("brokers")) {
      return new String[] {
        "replicationFactor", "must be at most brokers (" + c.integer("brokers") + "), got " + rf
      };
    }
    if (c.string("acks").equals("all") && rf == 1) {
      return new String[] {
        "acks",
        "acks=all needs replicationFactor >= 2: with one replica there is no one else to wait"
            + " for (use acks=1)"
      };
    }
    if (c.integer("minInsync") > rf) {
      return new String[] {
        "minInsync", "must be at most replicationFactor (" + rf + "), got " + c.integer("minInsync")
      };
    }
    if (c.nanos("heartbeat") >= c.nanos("sessionTimeout")) {
      return new String[] {
        "heartbeat", "must be shorter than sessionTimeout, or every member would time out"
      };
    }
    return null;
  }

  @Override
  public Store build(Config c) {
    return new LogCluster(settings(c));
  }

  static LogSettings settings(Config c) {
    return settings(c, "consumer");
  }

  /** The settings {@code c} describes, group members named {@code <name>-<consumerRole>-<i>}. */
  static LogSettings settings(Config c, String consumerRole) {
    return new LogSettings(
        c.string("name"),
        c.string("zone"),
        c.string("topic"),
        (int) c.integer("brokers"),
        (int) c.integer("partitions"),
        (int) c.integer("replicationFactor"),
        c.string("acks").equals("all") ? LogSettings.Acks.ALL : LogSettings.Acks.ONE,
        (int) c.integer("minInsync"),
        c.bool("uncleanElection"),
        c.bool("idempotent"),
        (int) c.integer("consumers"),
        (int) c.integer("groups"),
        LogSettings.Commit.valueOf(c.string("commit").toUpperCase(Locale.ROOT).replace('-', '_')),
        c.nanos("commitInterval"),
        c.nanos("sessionTimeout"),
        c.nanos("heartbeat"),
        c.nanos("replicaLagMax"),
        c.nanos("flushInterval"),
        c.nanos("requestTimeout"),
        c.nanos("retryBackoff"),
        c.nanos("deliveryTimeout"),
        (int) c.integer("workers"),
        (int) c.integer("queue"),
        c.distribution("service"),
        c.nanos("processCost"),
        c.nanos("restoreCost"),
        c.nanos("pollInterval"),
        (int) c.integer("maxPollRecords"),
        c.number("poison"),
        (int) c.integer("dlqAttempts"),
        c.nanos("monitor"),
        consumerRole,
        Subscriptions.of(c.string("topic"), c.string("subscribe"), (int) c.integer("groups")));
  }
}
