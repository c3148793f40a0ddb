package dev.tradeoff.patterns.log;

import dev.tradeoff.core.TimeText;

/**
 * One record a consumer group handled, as the run recorded it: applied to the group's view, or sent
 * to the dead-letter topic.
 *
 * @param group the consumer group (0, 1, …)
 * @param partition the topic partition
 * @param offset the record's offset in it
 * @param key the record's key
 * @param value the record's value (unique per write, so it names the write)
 * @param trueNanos when the handler finished, in true time
 * @param member the group member's node name
 * @param deadLettered whether it went to the dead-letter topic instead of the view
 */
public record Delivery(
    int group,
    int partition,
    long offset,
    long key,
    long value,
    long trueNanos,
    String member,
    boolean deadLettered) {

  /** The pair (group, {@code id}): a key or value as one group saw it, for lookups. */
  record InGroup(int group, long id) {}

  /** E.g. {@code offset 17 of partition 3 by log-consumer-1 at 5.210s}. */
  String where() {
    return "offset "
        + offset
        + " of partition "
        + partition
        + " by "
        + member
        + " at "
        + TimeText.of(trueNanos)
        + (deadLettered ? " (dead-lettered)" : "");
  }
}
