package dev.tradeoff.patterns.eventsourcing;

import java.util.List;

/**
 * The messages between command handlers and the event store. Clients talk to handlers with the
 * workload's own {@link dev.tradeoff.core.workload.Request} and {@link
 * dev.tradeoff.core.workload.Response}. {@code request} ids are the handler's own, so a late answer
 * to a request the handler gave up is recognised and ignored; a restarted handler numbers its
 * requests from elsewhere, so an answer to its former incarnation's request is ignored too.
 */
final class Messages {
  private Messages() {}

  /**
   * Read aggregate {@code aggregate}: its latest snapshot and the events after it when {@code
   * fromSnapshot}, else all its events.
   */
  record Load(long request, long aggregate, boolean fromSnapshot) {}

  /**
   * The answer to {@link Load}: the snapshot (null if none or not asked) and the events after it.
   */
  record Loaded(long request, AggregateState snapshot, List<Event> events) {}

  /**
   * Append {@code event} to its aggregate's stream if the stream is at {@code expectedVersion}
   * (under expected-version concurrency; otherwise unconditionally).
   */
  record Append(long request, Event event, long expectedVersion) {}

  /** The event was appended and is durable (or will be, at the next sync) as {@code version}. */
  record Appended(long request, long version) {}

  /** The stream was not at the expected version: it is at {@code currentVersion}. Nothing done. */
  record Conflict(long request, long currentVersion) {}

  /** Keep {@code state} as aggregate {@code aggregate}'s snapshot, if newer than the one held. */
  record SaveSnapshot(long aggregate, AggregateState state) {}
}
