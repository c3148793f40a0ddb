package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Disk;

/**
 * A node's incarnation number, counted on its disk: each start gets the next one, synced before it
 * is used, so the controller can tell a restarted broker or member from one that merely went quiet
 * (Kafka's broker epoch, a consumer's new member id).
 */
final class Incarnations {
  private Incarnations() {}

  /** The incarnation of the start now under way: one more than the last, durably. */
  static long next(Disk disk) {
    Object saved = disk.get("incarnation");
    long incarnation = (saved == null ? 0 : (Long) saved) + 1;
    disk.put("incarnation", incarnation);
    disk.sync();
    return incarnation;
  }
}
