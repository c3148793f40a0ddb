package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Disk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The kernel's {@link Disk}: pending writes over a sorted durable map, and what a crash does to
 * them.
 */
final class SyncedDisk implements Disk {
  private static final Object TOMBSTONE = new Object();

  private final TreeMap<String, Object> durable = new TreeMap<>();
  private final LinkedHashMap<String, Object> pending = new LinkedHashMap<>();
  private long writes;
  private long syncs;
  private long lostWrites;

  SyncedDisk() {}

  @Override
  public void put(String key, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("disk values must not be null; use remove");
    }
    pending.put(key, value);
    writes++;
  }

  @Override
  public void remove(String key) {
    pending.put(key, TOMBSTONE);
    writes++;
  }

  @Override
  public Object get(String key) {
    Object value = pending.get(key);
    if (value == null) {
      return durable.get(key);
    }
    return value == TOMBSTONE ? null : value;
  }

  @Override
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

  @Override
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

  @Override
  public int unsyncedWrites() {
    return pending.size();
  }

  @Override
  public long writes() {
    return writes;
  }

  @Override
  public long syncs() {
    return syncs;
  }

  @Override
  public long lostWrites() {
    return lostWrites;
  }

  @Override
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
