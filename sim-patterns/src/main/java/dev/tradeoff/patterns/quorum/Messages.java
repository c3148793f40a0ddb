package dev.tradeoff.patterns.quorum;

/** The messages of the leaderless pattern; immutable, delivered by reference. */
final class Messages {
  private Messages() {}

  /** Marks a message that expects no answer (read repair). */
  static final int NO_REPLY = -1;

  /** Marks a write sent to a home replica itself rather than to a spare standing in for one. */
  static final int NO_HINT = -1;

  /**
   * Store {@code value} at version {@code (stamp, value)} if newer; ack with {@code op} unless it
   * is {@link #NO_REPLY}. {@code hintFor} is the index of the home replica a spare stands in for.
   */
  record Write(int op, long key, long stamp, long value, int hintFor) {}

  /** A replica stored (or already had newer than) write {@code op}. */
  record WriteAck(int op) {}

  /** Return your version of {@code key}, answering {@code op}. */
  record Read(int op, long key) {}

  /** A replica's version of the key of read {@code op}; stamp 0 and NIL value when it has none. */
  record ReadReply(int op, long stamp, long value) {}

  /** A spare hands a hinted write to the home replica it was meant for. */
  record Handoff(long key, long stamp, long value) {}

  /** A home replica stored a handed-off write. */
  record HandoffAck(long key, long stamp) {}

  /**
   * One side of an anti-entropy exchange: every key the sender holds with its version, sorted by
   * key. {@code push} asks the receiver to answer with what it has newer or the sender lacks.
   */
  record Digest(long[] keys, long[] stamps, long[] values, boolean push) {}
}
