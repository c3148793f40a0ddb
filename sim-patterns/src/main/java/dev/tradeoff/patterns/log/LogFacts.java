package dev.tradeoff.patterns.log;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a run of the log recorded for its checkers and series, in true time: every produce a leader
 * acknowledged, every record a group member handled, and counters. Nodes report here; the record
 * never steers them. Hash maps are only looked up, never iterated.
 */
final class LogFacts {
  /** An acknowledged produce: where, by whom, in which epoch and when. */
  record Ack(int partition, long offset, String broker, long epoch, long trueNanos) {}

  private final LongSupplier trueNanos;
  private final Long2ObjectOpenHashMap<Ack> acked = new Long2ObjectOpenHashMap<>();
  private final Long2IntOpenHashMap[] deliveredTimes; // per group
  private final List<Delivery> deliveries = new ArrayList<>();
  private final long[][] reach; // per group and partition: one past the highest offset handled
  private long duplicatesAppended;
  private long duplicatesDropped;
  private long produceRetries;
  private long rebalances;
  private long redeliveries;
  private long deadLetters;

  LogFacts(LongSupplier trueNanos, int groups, int partitions) {
    this.trueNanos = trueNanos;
    this.reach = new long[groups][partitions];
    this.deliveredTimes = new Long2IntOpenHashMap[groups];
    for (int g = 0; g < groups; g++) {
      deliveredTimes[g] = new Long2IntOpenHashMap();
    }
  }

  /** Number of consumer groups. */
  int groups() {
    return reach.length;
  }

  /** True time now, to stamp entries for lag measurement. */
  long trueNanos() {
    return trueNanos.getAsLong();
  }

  /**
   * A leader appended a producer's retry of a record its log already held (the producer is not
   * idempotent): the record is in the log twice.
   */
  void duplicateAppended() {
    duplicatesAppended++;
  }

  /** A broker dropped a retried record it already held (idempotent producer). */
  void duplicateDropped() {
    duplicatesDropped++;
  }

  /** A producer retried a request. */
  void produceRetried() {
    produceRetries++;
  }

  /** The coordinator started a new generation of the group. */
  void rebalanced() {
    rebalances++;
  }

  /** {@code broker}, leading {@code partition} in {@code epoch}, acknowledged {@code value}. */
  void acknowledged(long value, int partition, long offset, String broker, long epoch) {
    acked.putIfAbsent(value, new Ack(partition, offset, broker, epoch, trueNanos.getAsLong()));
  }

  /** The first acknowledgement of {@code value}, or null if no leader acknowledged it. */
  Ack ackOf(long value) {
    return acked.get(value);
  }

  /** {@code member} of {@code group} handled the record at {@code offset} of {@code partition}. */
  void delivered(
      int group,
      int partition,
      long offset,
      long key,
      long value,
      String member,
      boolean deadLettered) {
    long[] r = reach[group];
    if (offset < r[partition]) {
      redeliveries++;
    }
    r[partition] = Math.max(r[partition], offset + 1);
    deliveredTimes[group].addTo(value, 1);
    if (deadLettered) {
      deadLetters++;
    }
    deliveries.add(
        new Delivery(
            group, partition, offset, key, value, trueNanos.getAsLong(), member, deadLettered));
  }

  /** How many times {@code group} handled the record of {@code value}. */
  int timesDelivered(int group, long value) {
    return deliveredTimes[group].get(value);
  }

  /** One past the highest offset of {@code partition} that {@code group} handled. */
  long reach(int group, int partition) {
    return reach[group][partition];
  }

  /** Every record every group handled, in the order handled. */
  List<Delivery> deliveries() {
    return deliveries;
  }

  long duplicatesAppended() {
    return duplicatesAppended;
  }

  long duplicatesDropped() {
    return duplicatesDropped;
  }

  long produceRetries() {
    return produceRetries;
  }

  long rebalances() {
    return rebalances;
  }

  long redeliveries() {
    return redeliveries;
  }

  long deadLetters() {
    return deadLetters;
  }
}
