package dev.tradeoff.patterns.eventsourcing;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.function.LongSupplier;

/**
 * What a run of the system recorded from outside its logic, for series and checkers: every command
 * a handler acknowledged (its aggregate, version and handler, in true time), and running totals of
 * loads, events replayed, rebuild time, conflicts, retries and snapshots. Nodes report to it; it
 * never steers them, and it outlives their crashes.
 */
final class Ledger {
  /**
   * A command a handler acknowledged.
   *
   * @param aggregate its aggregate
   * @param version the version the store gave its event
   * @param handler the handler that acknowledged it
   * @param atNanos when, in true time
   */
  record Ack(long aggregate, long version, String handler, long atNanos) {}

  private final LongSupplier trueNanos;
  // Written values are unique: value -> its acknowledgement. Lookups only, never iterated.
  private final Long2ObjectOpenHashMap<Ack> acks = new Long2ObjectOpenHashMap<>();
  private long loads;
  private long replayed;
  private long loadNanos;
  private long cacheLookups;
  private long cacheHits;
  private long conflicts;
  private long retries;
  private long snapshots;

  Ledger(LongSupplier trueNanos) {
    this.trueNanos = trueNanos;
  }

  /** True time now (measurement only). */
  long nowNanos() {
    return trueNanos.getAsLong();
  }

  /** {@code handler} acknowledged the command writing {@code value} as {@code version}. */
  void acknowledged(long aggregate, long value, long version, String handler) {
    acks.putIfAbsent(value, new Ack(aggregate, version, handler, nowNanos()));
  }

  /** The acknowledgement of the command that wrote {@code value} to {@code aggregate}, or null. */
  Ack ack(long aggregate, long value) {
    Ack a = acks.get(value);
    return a != null && a.aggregate() == aggregate ? a : null;
  }

  /**
   * A handler rebuilt an aggregate, replaying {@code events} events, {@code nanos} after it began
   * loading it (a cache hit replays none).
   */
  void loaded(long events, long nanos) {
    loads++;
    replayed += events;
    loadNanos += nanos;
  }

  /** A handler looked an aggregate up in its cache; {@code hit} if it was there. */
  void cacheLookup(boolean hit) {
    cacheLookups++;
    if (hit) {
      cacheHits++;
    }
  }

  /** An append was refused for a stale expected version. */
  void conflict() {
    conflicts++;
  }

  /** A command was reloaded and tried again after a conflict. */
  void retried() {
    retries++;
  }

  /** The store saved a snapshot. */
  void snapshotSaved() {
    snapshots++;
  }

  /** Aggregate loads so far, cache hits included. */
  long loads() {
    return loads;
  }

  /** Events replayed by those loads. */
  long replayed() {
    return replayed;
  }

  /** Their total time, from starting a load to the aggregate rebuilt, in true nanoseconds. */
  long loadNanos() {
    return loadNanos;
  }

  /** Cache lookups so far. */
  long cacheLookups() {
    return cacheLookups;
  }

  /** Cache lookups that found the aggregate. */
  long cacheHits() {
    return cacheHits;
  }

  /** Appends refused for a stale expected version so far. */
  long conflicts() {
    return conflicts;
  }

  /** Commands reloaded and tried again after a conflict so far. */
  long retries() {
    return retries;
  }

  /** Snapshots the store saved so far. */
  long snapshots() {
    return snapshots;
  }
}
