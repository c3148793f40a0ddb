package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.workload.Request;

/** The wire messages of leader/follower replication. */
final class Messages {
  private Messages() {}

  /** A client's request, with the session's token: the log index its reads must reflect. */
  record ClientRequest(Request request, long minIndex) {}

  /**
   * A replica's answer: the outcome and the log index it reflects (a write's index, or the index a
   * read's replica had applied), for the session token.
   */
  record ClientReply(int op, dev.tradeoff.core.history.OpStatus status, long value, long index) {}

  /** "I am not the leader": the request should go to {@code leader} (-1 if unknown). */
  record NotLeader(int op, int leader, long term) {}

  /**
   * Log entries (or none: a heartbeat) from the leader of {@code term}. {@code prevIndex} and
   * {@code prevTerm} name the entry the new ones follow. {@code sentLocal} (the leader's clock) and
   * {@code round} (its count of broadcasts) are echoed in the ack: the first for leases, the second
   * for confirming reads, which must not trust a clock a fault may set back.
   */
  record Append(
      long term,
      int leader,
      long prevIndex,
      long prevTerm,
      Entry[] entries,
      long sentLocal,
      long round) {}

  /** A follower's answer to {@link Append}. */
  record AppendAck(
      long term, int from, boolean success, long lastIndex, long sentLocal, long round) {}

  /** A candidate asks for a vote. */
  record VoteRequest(long term, int candidate, long lastIndex, long lastTerm) {}

  /** A vote, granted or not. */
  record Vote(long term, int from, boolean granted) {}

  /** A driver's question: who are you, what is your term and how far behind are you? */
  record Status(int token) {}

  /**
   * The answer: whether it leads, its term, and its own estimate of how far behind the leader it is
   * in local nanoseconds ({@link Long#MAX_VALUE} when it has not heard from a leader lately).
   */
  record StatusReply(int token, boolean leader, long term, long lagNanos) {}

  /**
   * One log entry: a write of {@code value} to {@code key} in {@code term}, or with {@code cas} a
   * compare-and-set that writes it only if the key then holds {@code expected} (every replica
   * decides that alike when it applies the entry, since all apply the same log in order). {@code
   * writtenTrueNanos} is the true time the leader appended it — measurement only, never read by the
   * system.
   */
  record Entry(long term, long key, long value, long writtenTrueNanos, boolean cas, long expected) {
    /** A plain write. */
    Entry(long term, long key, long value, long writtenTrueNanos) {
      this(term, key, value, writtenTrueNanos, false, dev.tradeoff.core.history.History.NIL);
    }

    /** Whether it changes its key on a replica whose state before it is {@code state}. */
    boolean takesEffect(it.unimi.dsi.fastutil.longs.Long2LongFunction state) {
      return key != ReplicaNode.NO_OP_KEY && (!cas || state.get(key) == expected);
    }
  }
}
