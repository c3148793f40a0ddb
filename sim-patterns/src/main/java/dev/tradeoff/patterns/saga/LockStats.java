package dev.tradeoff.patterns.saga;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * What a two-phase-commit run recorded about locks and doubt, for its series: locks released and
 * how long they were held, prepares that gave up waiting for a lock, the (transaction, step) pairs
 * prepared and not yet decided, and heuristic decisions. Participants report to it; it never steers
 * them and it outlives their crashes.
 */
final class LockStats {
  // (txn, step) pairs in doubt; only counted, never iterated.
  private final LongOpenHashSet inDoubt = new LongOpenHashSet();
  private long released;
  private long heldNanos;
  private long lockTimeouts;
  private long heuristics;
  private long committed;
  private long aborted;

  private static long pair(long txn, int step) {
    return txn * 64 + step;
  }

  /** A step of {@code txn} was prepared: it is in doubt until decided. */
  void prepared(long txn, int step) {
    inDoubt.add(pair(txn, step));
  }

  /** A step of {@code txn} was decided (committed, aborted, or heuristically). */
  void decided(long txn, int step) {
    inDoubt.remove(pair(txn, step));
  }

  /** A lock was released after {@code nanos}. */
  void released(long nanos) {
    released++;
    heldNanos += nanos;
  }

  /** A prepare gave up waiting for a lock. */
  void lockTimeout() {
    lockTimeouts++;
  }

  /** A participant decided on its own. */
  void heuristic() {
    heuristics++;
  }

  /** A coordinator decided commit ({@code true}) or abort. */
  void decision(boolean commit) {
    if (commit) {
      committed++;
    } else {
      aborted++;
    }
  }

  /** Steps prepared and not yet decided now. */
  long inDoubt() {
    return inDoubt.size();
  }

  /** Locks released so far. */
  long released() {
    return released;
  }

  /** How long those locks were held, summed, in true nanoseconds. */
  long heldNanos() {
    return heldNanos;
  }

  /** Prepares that gave up waiting for a lock so far. */
  long lockTimeouts() {
    return lockTimeouts;
  }

  /** Heuristic decisions so far. */
  long heuristics() {
    return heuristics;
  }

  /** Commit decisions so far. */
  long committed() {
    return committed;
  }

  /** Abort decisions so far. */
  long aborted() {
    return aborted;
  }
}
