package dev.tradeoff.patterns.caching;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The memory of one cache node: entries with a hard TTL, an optional soft TTL, LRU eviction beyond
 * a capacity, and — when versioned — set-if-newer with tombstones.
 *
 * <p>Versions: a value's version is the value itself. The workload writes unique values that grow
 * with invocation time, so a value plays the part of an application-assigned row version (an {@code
 * updated_at} or version column stored in the row): every DB read returns it with the row, and a
 * writer knows the version it wrote. A versioned invalidation leaves a tombstone holding that
 * version until the TTL passes, so a slow fill carrying an older value is refused — the delete-vs-
 * set race of Facebook's "Scaling Memcache" closed by versions rather than by leases. {@link
 * dev.tradeoff.core.history.History#NIL} (the key absent) is older than every value.
 *
 * <p>Times are the owning node's local clock. Not thread-safe; deterministic (the LRU is a {@link
 * LinkedHashMap} in access order).
 */
final class CacheTable {
  /** One cached key. A tombstone holds only a version. */
  static final class Entry {
    final long value;
    final long version;
    final boolean tombstone;
    final long setNanos;

    Entry(long value, long version, boolean tombstone, long setNanos) {
      this.value = value;
      this.version = version;
      this.tombstone = tombstone;
      this.setNanos = setNanos;
    }
  }

  private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final int capacity;
  private final long ttlNanos;
  private final boolean versioned;
  private long evictions;

  CacheTable(int capacity, long ttlNanos, boolean versioned) {
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
    this.versioned = versioned;
  }

  private boolean expired(Entry e, long nowNanos) {
    return ttlNanos > 0 && nowNanos - e.setNanos >= ttlNanos;
  }

  /** Whether {@code key} holds an entry that its TTL has run out on by {@code nowNanos}. */
  boolean expired(long key, long nowNanos) {
    Entry e = entries.get(key);
    return e != null && expired(e, nowNanos);
  }

  /** The live value entry of {@code key} (touching it for LRU), or null on a miss. */
  Entry lookup(long key, long nowNanos) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (expired(e, nowNanos)) {
      entries.remove(key);
      return null;
    }
    return e.tombstone ? null : e;
  }

  /** The version held for {@code key} (a live entry or tombstone), or NIL when none is held. */
  long versionHeld(long key) {
    Entry e = entries.get(key);
    return e == null ? dev.tradeoff.core.history.History.NIL : e.version;
  }

  /**
   * Installs {@code value} unless, versioned, a live entry or tombstone holds a newer version.
   * Returns whether it was installed.
   */
  boolean install(long key, long value, long nowNanos) {
    if (versioned) {
      Entry held = entries.get(key);
      if (held != null && !expired(held, nowNanos) && held.version > value) {
        return false;
      }
    }
    entries.put(key, new Entry(value, value, false, nowNanos));
    evictBeyondCapacity();
    return true;
  }

  /**
   * Drops {@code key} after a write of version {@code version}: versioned, a tombstone keeps the
   * newest version known until the TTL passes; otherwise the entry just goes.
   */
  void invalidate(long key, long version, long nowNanos) {
    if (!versioned) {
      entries.remove(key);
      return;
    }
    Entry held = entries.get(key);
    long newest =
        held != null && !expired(held, nowNanos) ? Math.max(held.version, version) : version;
    entries.put(key, new Entry(dev.tradeoff.core.history.History.NIL, newest, true, nowNanos));
    evictBeyondCapacity();
  }

  private void evictBeyondCapacity() {
    Iterator<Long> eldest = entries.keySet().iterator();
    while (entries.size() > capacity && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
      evictions++;
    }
  }

  /** Forgets everything (crash, flush). */
  void clear() {
    entries.clear();
  }

  /** Entries held, tombstones and not-yet-noticed expired ones included. */
  int size() {
    return entries.size();
  }

  /** Entries evicted for capacity so far. */
  long evictions() {
    return evictions;
  }
}
