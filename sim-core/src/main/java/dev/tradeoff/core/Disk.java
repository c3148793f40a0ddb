package dev.tradeoff.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node's durable storage: a sorted key-value store whose writes become durable only when synced.
 *
 * <p>Reads see every write, synced or not. {@link #sync()} makes all earlier writes durable. A
 * crash loses the writes not yet synced; what survives is exactly the state at the last sync.
 * Values are stored by reference and must be immutable. Disk time is not charged here: a node that
 * wants fsync to cost time submits it to its CPU with {@link Context#process}.
 */
public final class Disk {
  private static final Object TOMBSTONE = new Object();

  private final TreeMap<String, Object> durable = new TreeMap<>();
  private final LinkedHashMap<String, Object> pending = new LinkedHashMap<>();
  private long writes;
  private long syncs;
  private long lostWrites;

  Disk() {}

  /** Writes {@code value} under {@code key}; durable after the next {@link #sync()}. */
  public void put(String key, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("disk values must not be null; use remove");
    }
    pending.put(key, value);
    writes++;
  }

  /** Removes {@code key}; durable after the next {@link #sync()}. */
  public void remove(String key) {
    pending.put(key, TOMBSTONE);
    writes++;
  }

  /** The latest value written under {@code key}, synced or not, or {@code null}. */
  public Object get(String key) {
    Object value = pending.get(key);
    if (value == null) {
      return durable.get(key);
    }
    return value == TOMBSTONE ? null : value;
  }

  /** Every live key, sorted. */
  public NavigableSet<String> keys() {
    TreeSet<String> keys = new TreeSet<>(durable.keySet());
    for (Map.Entry<String, Object> e : pending.entrySet()) {
      if (e.getValue() == TOMBSTONE) {
        keys.remove(e.getKey());
      } else {
        keys.add(e.getKey());
      }
    }
    return keys;
  }

  /** Makes every write so far durable. */
  public void sync() {
    for (Map.Entry<String, Object> e : pending.entrySet()) {
      if (e.getValue() == TOMBSTONE) {
        durable.remove(e.getKey());
      } else {
        durable.put(e.getKey(), e.getValue());
      }
    }
    pending.clear();
    syncs++;
  }

  /** Number of keys whose latest write is not yet synced. */
  public int unsyncedWrites() {
    return pending.size();
  }

  /** Writes (puts and removes) so far. */
  public long writes() {
    return writes;
  }

  /** Syncs so far. */
  public long syncs() {
    return syncs;
  }

  /** Keys whose unsynced latest write was lost to a crash, summed over crashes so far. */
  public long lostWrites() {
    return lostWrites;
  }

  /** The keys whose latest write is not yet durable, in write order. */
  public List<String> unsyncedKeys() {
    return new ArrayList<>(pending.keySet());
  }

  /** A crash: unsynced writes are lost, or, when the operating system survives it, kept. */
  void crash(boolean loseUnsyncedWrites) {
    if (loseUnsyncedWrites) {
      lostWrites += pending.size();
      pending.clear();
    } else {
      sync();
      syncs--; // the operating system's flush, not one the node asked for
    }
  }
}
