package dev.tradeoff.patterns.cqrs;

/** The wire messages of the CQRS pattern (the log's own are the log's). */
final class Messages {
  private Messages() {}

  /**
   * A client's command: set aggregate {@code key} to {@code value}; op {@code op} of its history.
   */
  record Command(int op, long key, long value) {}

  /** A service's answer to {@link Command}: committed ({@code ok}) at {@code version}, or not. */
  record CommandReply(int op, boolean ok, long version) {}

  /** A client's read of aggregate {@code key} from the write model (its service's database). */
  record ReadOwn(int op, long key) {}

  /**
   * A client's read of aggregate {@code key} from the read model; with {@code minVersion} > 0 the
   * read model holds it until the row reaches that version.
   */
  record Query(int op, long key, long minVersion) {}

  /** The answer to {@link ReadOwn} or {@link Query}: the value read, or a failure. */
  record ReadReply(int op, boolean ok, long value) {}

  /**
   * Projector {@code consumer} asks the read model to apply event {@code eventId}, its request
   * {@code request}.
   */
  record Apply(long eventId, long request, String consumer) {}

  /** The read model's answer to {@link Apply}: the event's transaction is durable. */
  record ApplyReply(long request) {}
}
