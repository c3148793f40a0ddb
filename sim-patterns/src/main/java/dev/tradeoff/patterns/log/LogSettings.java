package dev.tradeoff.patterns.log;

import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * The knobs of a log cluster, read from the scenario.
 *
 * @param prefix node name prefix: brokers {@code <prefix>-broker-<i>}, the controller {@code
 *     <prefix>-controller}, consumers {@code <prefix>-consumer-<i>}
 * @param zone the zone of every node
 * @param topic the topic's name; its dead-letter topic is {@code <topic>.dlq}
 * @param brokers number of brokers
 * @param partitions partitions of the topic (the dead-letter topic has one more, its own)
 * @param replicationFactor replicas per partition, on brokers {@code p, p+1, …} (mod brokers)
 * @param acks when a leader answers a produce
 * @param minInsync with {@link Acks#ALL}, the fewest in-sync replicas a leader accepts writes with
 * @param uncleanElection whether a replica outside the ISR may become leader when no in-sync one is
 *     alive
 * @param idempotent whether producers number their records so brokers drop retried repeats
 * @param consumers members of each consumer group
 * @param groups consumer groups, each reading the whole of its topic on its own; group 0 serves
 *     reads
 * @param commit when a consumer commits its offset relative to processing
 * @param commitIntervalNanos at-least-once: how often positions are committed; 0 after each batch
 * @param sessionTimeoutNanos silence after which the controller declares a broker or consumer dead
 * @param heartbeatNanos how often brokers and consumers heartbeat the controller
 * @param replicaLagMaxNanos how long a follower may fail to catch up before the leader drops it
 *     from the in-sync replicas
 * @param flushIntervalNanos how often a broker syncs its log to disk; 0 syncs every append
 * @param requestTimeoutNanos how long a producer waits for an answer before retrying
 * @param retryBackoffNanos how long a producer waits before a retry
 * @param deliveryTimeoutNanos how long a producer keeps retrying a record before giving it up
 * @param workers CPU servers per broker
 * @param queue CPU queue capacity per broker
 * @param service a broker's CPU time per produce or consumer fetch request
 * @param processCostNanos a consumer's CPU time per record handled
 * @param restoreCostNanos a consumer's CPU time per record replayed to restore its view
 * @param pollIntervalNanos how long a consumer waits after an empty fetch
 * @param maxPollRecords most records one fetch returns
 * @param poisonProbability share of records the handler always fails on
 * @param dlqAttempts attempts on a failing record before it goes to the dead-letter topic
 * @param monitorNanos how often a client's driver asks the controller who owns which partition
 * @param consumerRole the role word in group members' names: {@code consumer} for the log pattern,
 *     {@code projector} for a CQRS projection built on it
 * @param subscriptions the topic each group reads, by group: {@code topic} or its dead-letter topic
 *     (see {@link Subscriptions})
 */
record LogSettings(
    String prefix,
    String zone,
    String topic,
    int brokers,
    int partitions,
    int replicationFactor,
    Acks acks,
    int minInsync,
    boolean uncleanElection,
    boolean idempotent,
    int consumers,
    int groups,
    Commit commit,
    long commitIntervalNanos,
    long sessionTimeoutNanos,
    long heartbeatNanos,
    long replicaLagMaxNanos,
    long flushIntervalNanos,
    long requestTimeoutNanos,
    long retryBackoffNanos,
    long deliveryTimeoutNanos,
    int workers,
    int queue,
    Distribution service,
    long processCostNanos,
    long restoreCostNanos,
    long pollIntervalNanos,
    int maxPollRecords,
    double poisonProbability,
    int dlqAttempts,
    long monitorNanos,
    String consumerRole,
    List<String> subscriptions) {

  /** When a partition leader answers a produce request. */
  enum Acks {
    /** Once it has appended the record itself (Kafka's {@code acks=1}). */
    ONE,
    /** Once every in-sync replica holds it: the high watermark passed it ({@code acks=all}). */
    ALL
  }

  /** When a consumer commits relative to processing. */
  enum Commit {
    /** After processing: a crash redelivers what was processed since the last commit. */
    AT_LEAST_ONCE,
    /** Before processing: a crash skips what was committed but not yet processed. */
    AT_MOST_ONCE
  }

  /** Total partitions the brokers hold: the topic's, then the dead-letter topic's one. */
  int totalPartitions() {
    return partitions + 1;
  }

  /** The dead-letter topic's partition index. */
  int dlqPartition() {
    return partitions;
  }

  /** Whether group {@code g} reads the dead-letter topic rather than the main one. */
  boolean readsDeadLetters(int g) {
    return subscriptions.get(g).equals(Subscriptions.deadLetterTopic(topic));
  }

  /** The first partition of group {@code g}'s topic. */
  int firstPartition(int g) {
    return readsDeadLetters(g) ? dlqPartition() : 0;
  }

  /** One past the last partition of group {@code g}'s topic. */
  int endPartition(int g) {
    return readsDeadLetters(g) ? totalPartitions() : partitions;
  }

  /** Whether some group reads the dead-letter topic. */
  boolean hasDeadLetterGroup() {
    for (int g = 0; g < groups; g++) {
      if (readsDeadLetters(g)) {
        return true;
      }
    }
    return false;
  }

  /** The name of partition {@code p}, e.g. {@code events-3} or {@code events.dlq-0}. */
  String partitionName(int p) {
    return p == partitions ? topic + ".dlq-0" : topic + "-" + p;
  }

  /** Broker {@code i}'s node name. */
  String brokerName(int i) {
    return prefix + "-broker-" + i;
  }

  /** The controller's node name. */
  String controllerName() {
    return prefix + "-controller";
  }

  /**
   * Member {@code i} of group {@code g}: {@code <prefix>-consumer-<i>} in group 0, {@code
   * <prefix>-g<g>-consumer-<i>} in the others ({@code consumer} being {@link #consumerRole}).
   */
  String consumerName(int g, int i) {
    return prefix + (g == 0 ? "" : "-g" + g) + "-" + consumerRole + "-" + i;
  }

  /** Group {@code g}'s name in series and witnesses: {@code g0}, {@code g1}, … */
  static String groupName(int g) {
    return "g" + g;
  }

  /** The node ids of the brokers, by broker index, as {@code ctx} knows them. */
  int[] brokerIds(dev.tradeoff.core.Context ctx) {
    int[] ids = new int[brokers];
    for (int i = 0; i < brokers; i++) {
      ids[i] = ctx.nodeId(brokerName(i));
    }
    return ids;
  }

  /** The node ids of group {@code g}'s members, by member index, as {@code ctx} knows them. */
  int[] consumerIds(dev.tradeoff.core.Context ctx, int g) {
    int[] ids = new int[consumers];
    for (int i = 0; i < consumers; i++) {
      ids[i] = ctx.nodeId(consumerName(g, i));
    }
    return ids;
  }

  /** Every node name: brokers, the controller, consumers. */
  List<String> nodeNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < brokers; i++) {
      names.add(brokerName(i));
    }
    names.add(controllerName());
    for (int g = 0; g < groups; g++) {
      for (int i = 0; i < consumers; i++) {
        names.add(consumerName(g, i));
      }
    }
    return names;
  }

  /**
   * The brokers holding partition {@code p}, preferred leader first: {@code p, p+1, …} modulo the
   * broker count, fixed for the run (Kafka's assignment is fixed too until an operator moves it).
   */
  int[] replicas(int p) {
    int[] r = new int[replicationFactor];
    for (int i = 0; i < replicationFactor; i++) {
      r[i] = (p + i) % brokers;
    }
    return r;
  }

  /** The topic partition a key goes to: a mixed hash of the key modulo the partition count. */
  int partitionOf(long key) {
    return (int) Math.floorMod(mix(key), (long) partitions);
  }

  /**
   * Whether the handler always fails on the record of {@code value}: a property of the message (a
   * hash of its unique value), so every consumer and every redelivery agrees on it.
   */
  boolean poison(long value) {
    if (poisonProbability <= 0) {
      return false;
    }
    double u = (mix(value ^ 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
    return u < poisonProbability;
  }

  /** SplitMix64's finaliser: spreads consecutive keys over partitions. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
