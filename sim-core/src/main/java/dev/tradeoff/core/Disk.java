package dev.tradeoff.core;

import java.util.List;
import java.util.NavigableSet;

/**
 * A node's durable storage: a sorted key-value store whose writes become durable only when synced.
 *
 * <p>Reads see every write, synced or not. {@link #sync()} makes all earlier writes durable. A
 * crash loses the writes not yet synced; what survives is exactly the state at the last sync.
 * Values are stored by reference and must be immutable. Disk time is not charged here: a node that
 * wants fsync to cost time submits it to its CPU with {@link Context#process}.
 */
public interface Disk {
  /**
   * Writes {@code value} under {@code key}; durable after the next {@link #sync()}. Values must be
   * immutable and not null.
   */
  void put(String key, Object value);

  /** Removes {@code key}; durable after the next {@link #sync()}. */
  void remove(String key);

  /** The latest value written under {@code key}, synced or not, or {@code null}. */
  Object get(String key);

  /** Every live key, sorted. */
  NavigableSet<String> keys();

  /** Makes every write so far durable. */
  void sync();

  /** Number of keys whose latest write is not yet synced. */
  int unsyncedWrites();

  /** Writes (puts and removes) so far. */
  long writes();

  /** Syncs so far. */
  long syncs();

  /** Keys whose unsynced latest write was lost to a crash, summed over crashes so far. */
  long lostWrites();

  /** The keys whose latest write is not yet durable, in write order. */
  List<String> unsyncedKeys();
}
