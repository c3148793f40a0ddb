package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.history.History;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * God's-view measurement of a cached system, shared by its cache nodes and drivers: what the DB was
 * asked, what it acknowledged, and whether the cache served values the DB had already replaced. It
 * only records; nothing in the system reads it to decide anything.
 *
 * <p>The DB's state is followed through its acknowledgements, as the pattern's nodes receive them:
 * the current value of a key is the last write the DB acknowledged, and a value's age is the order
 * of those acknowledgements. A write whose acknowledgement died with the cache node that sent it is
 * therefore not seen (write-behind: a flush in flight at a crash counts as not applied).
 */
final class Ledger {
  private final Long2LongOpenHashMap dbValue = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap ackOrder = new Long2LongOpenHashMap();
  private final Long2IntOpenHashMap readsInFlight = new Long2IntOpenHashMap();
  private final java.util.BitSet started = new java.util.BitSet();
  private long acks;
  private long dbReads;
  private long dbWrites;
  private long duplicateReads;
  private long hits;
  private long misses;
  private long staleServed;
  private int burst;
  private final BehindFates behind = new BehindFates();

  Ledger() {
    dbValue.defaultReturnValue(History.NIL);
    ackOrder.defaultReturnValue(-1);
  }

  /** What became of each write a write-behind cache acknowledged. */
  BehindFates behind() {
    return behind;
  }

  /** A DB read of {@code key} was sent; identical reads already outstanding make it a duplicate. */
  void dbReadSent(long key) {
    dbReads++;
    int outstanding = readsInFlight.addTo(key, 1) + 1;
    if (outstanding > 1) {
      duplicateReads++;
    }
    burst = Math.max(burst, outstanding);
  }

  /** A DB read of {@code key} ended (answered, failed or given up). */
  void dbReadDone(long key) {
    if (readsInFlight.addTo(key, -1) <= 1) {
      readsInFlight.remove(key);
    }
  }

  /** A DB write was sent. */
  void dbWriteSent() {
    dbWrites++;
  }

  /**
   * The record {@code lost-writes} judges a read-through or write-through cache by: every client
   * write goes through a cache node, so each one acknowledged to its client must be one the DB
   * acknowledged to the cache (a cache that answered first, or without asking, loses it).
   */
  dev.tradeoff.core.check.LostWrites.Record throughRecord() {
    return new dev.tradeoff.core.check.LostWrites.Record() {
      @Override
      public String source() {
        return "the database's acknowledgements to the cache";
      }

      @Override
      public boolean acknowledged(long key, long value) {
        return true; // the history's OK writes are exactly the ones a cache node acknowledged
      }

      @Override
      public boolean kept(long key, long value) {
        return ackOrder.containsKey(value);
      }

      @Override
      public String fate(long key, long value) {
        return "the cache acknowledged it, but the database never acknowledged it to the cache";
      }
    };
  }

  /** The DB acknowledged writing {@code value} to {@code key}. */
  void dbWriteAcked(long key, long value) {
    dbValue.put(key, value);
    ackOrder.put(value, ++acks);
  }

  /** A cache miss. */
  void miss() {
    misses++;
  }

  /** The cache served {@code value} for {@code key}: a hit, stale if the DB had replaced it. */
  void hit(long key, long value) {
    hits++;
    if (stale(key, value)) {
      staleServed++;
    }
  }

  /**
   * Whether {@code value} is older than the DB's current value of {@code key}. A value the DB never
   * acknowledged (a write-behind write not yet flushed) is newer, not stale.
   */
  boolean stale(long key, long value) {
    long current = dbValue.get(key);
    if (value == current) {
      return false;
    }
    if (value == History.NIL) {
      return true;
    }
    long order = ackOrder.get(value);
    return order >= 0 && order < ackOrder.get(current);
  }

  /** The DB's current value of {@code key} ({@link History#NIL} if never written). */
  long dbValue(long key) {
    return dbValue.get(key);
  }

  long dbRequests() {
    return dbReads + dbWrites;
  }

  long dbReads() {
    return dbReads;
  }

  long duplicateReads() {
    return duplicateReads;
  }

  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  long staleServed() {
    return staleServed;
  }

  /**
   * The most identical DB reads outstanding at once since the last call, which starts the next
   * period at the count outstanding now.
   */
  int takeBurst() {
    int peak = burst;
    int now = 0;
    for (int n : readsInFlight.values()) {
      now = Math.max(now, n);
    }
    burst = now;
    return peak;
  }

  /**
   * Whether this is cache node {@code index}'s first start (a restart after a crash finds its
   * memory empty); marks it started.
   */
  boolean firstStart(int index) {
    boolean first = !started.get(index);
    started.set(index);
    return first;
  }
}
