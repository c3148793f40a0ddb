package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.check.SplitBrain.FencedWrite;
import dev.tradeoff.core.check.SplitBrain.LeaderTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a run of the group recorded for its checkers, in true time: every leader's tenure and the
 * writes it acknowledged, and every batch of entries a replica stored under a term (the fencing
 * token). Recorded from outside the system's logic: nodes report, the record never steers them.
 */
final class Facts {
  private final LongSupplier trueNanos;
  // term, unused, from, until, writes, last time the leader acted
  private final List<long[]> tenures = new ArrayList<>();
  private final List<String> tenureLeaders = new ArrayList<>();
  private final List<it.unimi.dsi.fastutil.longs.LongArrayList> ackTimes = new ArrayList<>();
  private final List<FencedWrite> fenced = new ArrayList<>();
  // Written values are unique: value -> the tenure that acknowledged it, its key, its true time.
  private final it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap ackedIn =
      new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
  private final it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap ackedKey =
      new it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap();
  private final it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap ackedAt =
      new it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap();

  // Reads answered OK whose value differed from the leader's at that instant.
  private java.util.function.LongBinaryOperator leaderValue = (key, value) -> value;
  private long staleReadsServed;

  Facts(LongSupplier trueNanos) {
    this.trueNanos = trueNanos;
    ackedIn.defaultReturnValue(-1);
  }

  /**
   * How to look up the current leader's applied value of a key: {@code lookup.applyAsLong(key,
   * fallback)} returns it, or {@code fallback} when no replica leads now. Set once by the group.
   */
  void leaderValueBy(java.util.function.LongBinaryOperator lookup) {
    leaderValue = lookup;
  }

  /**
   * A replica answered a read of {@code key} OK with {@code value}; it counts as stale when the
   * current leader's applied value of the key differs — almost always an older value, though a
   * deposed leader ahead of its successor counts too. Measurement only: it never steers a node.
   */
  void servedRead(long key, long value) {
    if (leaderValue.applyAsLong(key, value) != value) {
      staleReadsServed++;
    }
  }

  /** Reads answered OK so far with a value other than the leader's at the time. */
  long staleReadsServed() {
    return staleReadsServed;
  }

  /** True time now, to stamp entries for lag measurement (never read by the system's logic). */
  long trueNanos() {
    return trueNanos.getAsLong();
  }

  /** {@code leader} became leader of {@code term}; returns the tenure's handle. */
  int becameLeader(String leader, long term) {
    long now = trueNanos.getAsLong();
    tenures.add(new long[] {term, 0, now, Long.MAX_VALUE, 0, now});
    tenureLeaders.add(leader);
    ackTimes.add(new it.unimi.dsi.fastutil.longs.LongArrayList());
    return tenures.size() - 1;
  }

  /** The tenure {@code handle} ended now. */
  void endedTenure(int handle) {
    long[] t = tenures.get(handle);
    if (t[3] == Long.MAX_VALUE) {
      t[3] = Math.max(t[2], trueNanos.getAsLong());
    }
  }

  /** The leader of tenure {@code handle} acknowledged the write of {@code value} to {@code key}. */
  void acknowledged(int handle, long key, long value) {
    long now = trueNanos.getAsLong();
    tenures.get(handle)[4]++;
    ackTimes.get(handle).add(now);
    ackedIn.putIfAbsent(value, handle);
    ackedKey.putIfAbsent(value, key);
    ackedAt.putIfAbsent(value, now);
    active(handle);
  }

  /** The tenure whose leader acknowledged the write of {@code value} to {@code key}, or -1. */
  int acknowledgedIn(long key, long value) {
    int handle = ackedIn.get(value);
    return handle >= 0 && ackedKey.get(value) == key ? handle : -1;
  }

  /** True time the write of {@code value} was acknowledged (only for acknowledged writes). */
  long acknowledgedAtNanos(long value) {
    return ackedAt.get(value);
  }

  /** The leader of tenure {@code handle}. */
  String leaderOf(int handle) {
    return tenureLeaders.get(handle);
  }

  /** The term of tenure {@code handle}. */
  long termOf(int handle) {
    return tenures.get(handle)[0];
  }

  /** The leader of tenure {@code handle} acted as leader now (sent entries or a heartbeat). */
  void active(int handle) {
    if (handle >= 0) {
      long[] t = tenures.get(handle);
      t[5] = Math.max(t[5], trueNanos.getAsLong());
    }
  }

  /** {@code storage} stored entries under fencing token {@code term}. */
  void stored(String storage, long term) {
    fenced.add(new FencedWrite(term, trueNanos.getAsLong(), storage));
  }

  /**
   * The tenures. One still open whose leader no longer leads in that term — it crashed, or was
   * deposed without hearing of it — ends where the leader last acted; {@code stillLeading} says
   * whether a node leads in a term now.
   */
  List<LeaderTerm> terms(java.util.function.BiPredicate<String, Long> stillLeading) {
    List<LeaderTerm> terms = new ArrayList<>();
    for (int i = 0; i < tenures.size(); i++) {
      long[] t = tenures.get(i);
      long until = t[3];
      if (until == Long.MAX_VALUE && !stillLeading.test(tenureLeaders.get(i), t[0])) {
        until = t[5];
      }
      terms.add(new LeaderTerm(t[0], tenureLeaders.get(i), t[2], until, t[4]));
    }
    return terms;
  }

  /** True times at which the leader of tenure {@code i} acknowledged writes, ascending. */
  it.unimi.dsi.fastutil.longs.LongArrayList ackTimes(int i) {
    return ackTimes.get(i);
  }

  List<FencedWrite> fencedWrites() {
    return List.copyOf(fenced);
  }
}
