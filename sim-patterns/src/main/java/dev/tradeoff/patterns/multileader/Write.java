package dev.tradeoff.patterns.multileader;

/**
 * One write as a leader accepted it; immutable, shared by reference between leaders (the network
 * delivers messages by reference and nobody changes them).
 *
 * @param key the key
 * @param value the unique value written
 * @param origin index of the leader that accepted it
 * @param seq its position in that leader's log, from 1
 * @param stampNanos the accepting leader's local clock when it accepted the write
 * @param context the leader's applied vector at acceptance, this write included: {@code context[i]}
 *     is how many of leader {@code i}'s writes it had applied. Never modified.
 */
public record Write(long key, long value, int origin, long seq, long stampNanos, long[] context) {

  /** Whether this write's leader had applied {@code other} when accepting this one. */
  public boolean covers(Write other) {
    return context[other.origin] >= other.seq;
  }

  /** Whether neither write's leader had applied the other: a conflict. */
  public boolean concurrentWith(Write other) {
    return !covers(other) && !other.covers(this);
  }
}
