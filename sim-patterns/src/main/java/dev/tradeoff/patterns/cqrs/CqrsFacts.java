package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.check.events.Applied;
import dev.tradeoff.core.check.events.Change;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a CQRS run recorded, in true time, for its checkers and series: the event table (each
 * event's content, filled by the write side when it creates the event, only read by the read side:
 * it stands for the log record's payload), every change a service committed, every effect the read
 * model made durable, and counters. Apart from the event table, which the read side reads as it
 * would a record's payload, nodes only report here; the record never steers them. Hash maps are
 * only looked up, never iterated.
 */
final class CqrsFacts {
  private final LongSupplier trueNanos;
  private final Long2ObjectOpenHashMap<Event> events = new Long2ObjectOpenHashMap<>();
  private final Long2LongOpenHashMap committedAt = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap createdAt = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap visibleAt = new Long2LongOpenHashMap();
  private final List<Change> changes = new ArrayList<>();
  private final List<Applied> applied = new ArrayList<>();
  private final List<Applied> absorbed = new ArrayList<>();
  private long nextEventId;
  private long relayPublished;
  private long duplicatesSkipped;
  private long visibilityNanos;
  private long visibilityCount;

  // With a database: each event's predecessor on its aggregate's row (the row's column naming it).
  private final it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap previous =
      new it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap();
  private final dev.tradeoff.core.history.History databaseHistory =
      new dev.tradeoff.core.history.History();

  CqrsFacts(LongSupplier trueNanos) {
    this.trueNanos = trueNanos;
    previous.defaultReturnValue(dev.tradeoff.core.history.History.NIL);
    committedAt.defaultReturnValue(-1);
    visibleAt.defaultReturnValue(-1);
  }

  /**
   * A new event for {@code aggregate} at {@code version} with {@code value}; ids are handed out in
   * event order, so they are unique and deterministic.
   */
  Event newEvent(long aggregate, long version, long value) {
    Event e = new Event(++nextEventId, aggregate, version, value);
    events.put(e.id(), e);
    createdAt.put(e.id(), trueNanos.getAsLong());
    return e;
  }

  /**
   * Event {@code id} as a committed change: when its service learned it was durable, or — for one a
   * database made durable while its service never heard so (it crashed meanwhile) — when the
   * service created it.
   */
  Change change(long id) {
    Event e = events.get(id);
    long at = committedAt.get(id);
    return new Change(id, e.aggregate(), e.version(), e.value(), at >= 0 ? at : createdAt.get(id));
  }

  /** Every event created, in no particular order. */
  java.util.Collection<Event> events() {
    return events.values();
  }

  /** True time now. */
  long nowNanos() {
    return trueNanos.getAsLong();
  }

  /** With a database: event {@code id}'s row replaces the one holding event {@code before}. */
  void previous(long id, long before) {
    previous.put(id, before);
  }

  /** The event whose row event {@code id}'s replaced, or nil for the aggregate's first. */
  long previous(long id) {
    return previous.get(id);
  }

  /** The history of the services' requests to their database, which its checkers judge. */
  dev.tradeoff.core.history.History databaseHistory() {
    return databaseHistory;
  }

  /** The content of event {@code id} (the record's payload), or null for an unknown id. */
  Event event(long id) {
    return events.get(id);
  }

  /** A service's transaction changing {@code e}'s aggregate became durable now. */
  void committed(Event e) {
    long now = trueNanos.getAsLong();
    committedAt.put(e.id(), now);
    changes.add(new Change(e.id(), e.aggregate(), e.version(), e.value(), now));
  }

  /** Every committed change, in commit order. */
  List<Change> changes() {
    return changes;
  }

  /** The read model made the effect of {@code e}, applied by {@code consumer}, durable now. */
  void applied(Event e, String consumer) {
    long now = trueNanos.getAsLong();
    applied.add(new Applied(e.id(), e.aggregate(), e.version(), e.value(), consumer, now));
    long committed = committedAt.get(e.id());
    if (committed >= 0 && visibleAt.get(e.id()) < 0) {
      visibleAt.put(e.id(), now);
      visibilityNanos += now - committed;
      visibilityCount++;
    }
  }

  /** Every durable application, in the order made durable. */
  List<Applied> applied() {
    return applied;
  }

  /**
   * The version guard absorbed {@code e}, older than its row, handled by {@code consumer}: the
   * event reached the read model (its transaction is durable now) and rightly had no effect.
   */
  void absorbed(Event e, String consumer) {
    long now = trueNanos.getAsLong();
    absorbed.add(new Applied(e.id(), e.aggregate(), e.version(), e.value(), consumer, now));
  }

  /** Every event the version guard absorbed without effect, in the order made durable. */
  List<Applied> absorbed() {
    return absorbed;
  }

  /** The relay published {@code n} outbox rows (their acks came in). */
  void relayed(int n) {
    relayPublished += n;
  }

  /** An idempotent projector's transaction skipped an event already applied. */
  void duplicateSkipped() {
    duplicatesSkipped++;
  }

  /** Outbox rows the relays published and marked so far. */
  long relayPublished() {
    return relayPublished;
  }

  /** Redelivered events the idempotent read model skipped so far. */
  long duplicatesSkipped() {
    return duplicatesSkipped;
  }

  /** Sum over events first made visible of commit → visible, ns. */
  long visibilityNanos() {
    return visibilityNanos;
  }

  /** Events made visible after their commit so far. */
  long visibilityCount() {
    return visibilityCount;
  }
}
