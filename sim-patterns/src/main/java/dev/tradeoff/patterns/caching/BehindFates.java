package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.history.History;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The fate of every write a write-behind cache acknowledged, recorded as the cache nodes act (god's
 * view: nothing in the system reads it).
 *
 * <p>A cache node's <em>memory</em> lasts from its start, or from a {@code cache-flush} fault, to
 * its crash or next flush fault. Within one memory, the writes a node accepts for a key form a
 * sequence, and each write has seen the ones before it: coalescing in the dirty buffer flushes only
 * the newest. So a write survives when it, or a write accepted after it for the same key in the
 * same memory, reached the database (acknowledged there, or in flight when its sender went down:
 * the database's own checker judges it from there), or is still owed by that live memory at the
 * end. A write the versioned cache refused as older than the version it held survives with that
 * version. Anything else went down with the memory that held it — even if a write in a later memory
 * overwrote its key.
 *
 * <p>Written values are unique, so a write is named by its value. Lookups only; never iterated.
 */
final class BehindFates {
  private record Sequence(int memory, long key) {}

  private int memories;
  private final Long2IntOpenHashMap sequenceOf = new Long2IntOpenHashMap(); // value -> index
  private final Long2LongOpenHashMap positionOf = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap keyOf = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap acceptedAtNanos = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap refusedFor = new Long2LongOpenHashMap();
  private final Map<Sequence, Integer> sequenceIndex = new LinkedHashMap<>();
  private final List<LongArrayList> sequences = new ArrayList<>();
  private final LongOpenHashSet reached = new LongOpenHashSet();
  private LongSupplier trueNanos = () -> 0L;

  BehindFates() {
    keyOf.defaultReturnValue(History.NIL);
    sequenceOf.defaultReturnValue(-1);
    refusedFor.defaultReturnValue(History.NIL);
  }

  /** The true-time clock that stamps acceptances (for witnesses only). */
  void clock(LongSupplier trueNanos) {
    this.trueNanos = trueNanos;
  }

  /** True time now, for what a cache node publishes on the role timeline. */
  long trueNanos() {
    return trueNanos.getAsLong();
  }

  /** A cache node's memory starts empty (a start, a restart, a flush fault); returns its id. */
  int newMemory() {
    return memories++;
  }

  /** Memory {@code memory} acknowledged writing {@code value} to {@code key}, in that order. */
  void accepted(int memory, long key, long value) {
    int index =
        sequenceIndex.computeIfAbsent(
            new Sequence(memory, key),
            k -> {
              sequences.add(new LongArrayList());
              return sequences.size() - 1;
            });
    LongArrayList sequence = sequences.get(index);
    sequence.add(value);
    sequenceOf.put(value, index);
    positionOf.put(value, sequence.size() - 1);
    keyOf.put(value, key);
    acceptedAtNanos.put(value, trueNanos.getAsLong());
  }

  /** The versioned cache refused {@code value} as older than {@code held}, the version it holds. */
  void refused(long value, long held) {
    refusedFor.put(value, held);
  }

  /** A flush of {@code value} was sent to the database. */
  void sent(long value) {
    reached.add(value);
  }

  /** The database refused the flush of {@code value}: it did not happen. */
  void failed(long value) {
    reached.remove(value);
  }

  /** Whether the cache acknowledged the write of {@code value} to {@code key}. */
  boolean accepted(long key, long value) {
    return keyOf.containsKey(value) && keyOf.get(value) == key;
  }

  /**
   * The writes that survive, judged at the end of the run: {@code owed} gives the value a live node
   * still owes the database for a key ({@link History#NIL} if none).
   */
  Survivors survivors(LongUnaryOperator owed) {
    return new Survivors(owed);
  }

  /** Survival judged once per sequence (each sequence's suffixes), then looked up per write. */
  final class Survivors {
    private final LongUnaryOperator owed;
    private final List<boolean[]> suffixKept = new ArrayList<>(); // by sequence index, lazily

    private Survivors(LongUnaryOperator owed) {
      this.owed = owed;
    }

    /** Whether the write of {@code value} to {@code key} survives (see the class comment). */
    boolean kept(long key, long value) {
      long v = value;
      for (int hop = 0; hop < 64 && refusedFor.containsKey(v); hop++) {
        v = refusedFor.get(v);
      }
      int index = sequenceOf.get(v);
      if (index < 0) {
        return false;
      }
      while (suffixKept.size() <= index) {
        suffixKept.add(null);
      }
      boolean[] kept = suffixKept.get(index);
      if (kept == null) {
        kept = suffixes(key, sequences.get(index));
        suffixKept.set(index, kept);
      }
      return kept[(int) positionOf.get(v)];
    }

    private boolean[] suffixes(long key, LongArrayList sequence) {
      boolean[] kept = new boolean[sequence.size()];
      boolean later = false;
      long owedNow = owed.applyAsLong(key);
      for (int i = sequence.size() - 1; i >= 0; i--) {
        long u = sequence.getLong(i);
        later |= reached.contains(u) || u == owedNow;
        kept[i] = later;
      }
      return kept;
    }
  }

  /** Why the write of {@code value} is gone, for a witness. */
  String fate(long value) {
    return "acknowledged by the write-behind cache at "
        + TimeText.of(acceptedAtNanos.get(value))
        + ", and neither it nor a later write of its key in the same cache memory reached the"
        + " database: the memory holding it was lost (crash or flush) first";
  }
}
