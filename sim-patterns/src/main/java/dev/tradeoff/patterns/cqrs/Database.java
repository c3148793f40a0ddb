package dev.tradeoff.patterns.cqrs;

/**
 * How a service's tables lie in a nested store (the {@code database} system), in a store of unique
 * values: the row of aggregate {@code a} is key {@link #rowKey}, holding the id of the aggregate's
 * newest event (the event's content stands for the row's columns and names the event before it);
 * the relay's mark for {@code a} — its newest event known published — is key {@link #markKey},
 * holding {@link #markValue}. One write of the row thus commits the change and its outbox entry
 * together: the outbox is every aggregate whose row is past its mark.
 */
final class Database {
  private Database() {}

  /** The row key of {@code aggregate}. */
  static long rowKey(long aggregate) {
    return aggregate;
  }

  /** The relay's mark key for {@code aggregate}: negative, apart from every row. */
  static long markKey(long aggregate) {
    return -1 - aggregate;
  }

  /** The mark value naming event {@code eventId} (negative, apart from every row value). */
  static long markValue(long eventId) {
    return ~eventId;
  }
}
