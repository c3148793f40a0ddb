package dev.tradeoff.core.kernel;

import java.util.Arrays;

/**
 * The pending timers of a run. Timers are the one kind of event that can be cancelled, so each
 * pending timer owns an entry here and its id is the entry's generation and index: a cancelled
 * timer stays in the event queue and is recognised and skipped when it is popped, which is cheaper
 * than removing it from the heap.
 */
final class TimerTable {
  /** What {@link #claim(long)} returns for a timer that was cancelled. */
  static final Object CANCELLED = new Object();

  private static final long LIVE = 1L;

  // Two words per entry, so that adding or claiming a timer reads one line of them: the
  // generation (high half) and whether it is pending (bit 0), then its owner (high half) and the
  // owner's incarnation.
  private long[] words = new long[2 * 64];
  private Object[] payloads = new Object[64];
  private int[] free = new int[64];
  private int freeCount;
  private int limit;
  private int cancelledQueued;

  /** A new pending timer of {@code owner}'s incarnation carrying {@code payload}; its id. */
  long add(int owner, int incarnation, Object payload) {
    int entry = alloc();
    int generation = ((int) (words[2 * entry] >>> 32) + 1) & Integer.MAX_VALUE; // ids stay >= 0
    words[2 * entry] = ((long) generation << 32) | LIVE;
    words[2 * entry + 1] = ((long) owner << 32) | (incarnation & 0xFFFFFFFFL);
    payloads[entry] = payload; // kept here, so a cancelled timer's payload can be let go
    return ((long) generation << 32) | entry;
  }

  /**
   * Cancels {@code timerId} if it is pending and belongs to {@code owner}'s {@code incarnation};
   * returns whether it did.
   */
  boolean cancel(int owner, int incarnation, long timerId) {
    int entry = (int) timerId;
    if (entry < 0
        || entry >= limit
        || words[2 * entry] != ((timerId & ~0xFFFFFFFFL) | LIVE)
        || words[2 * entry + 1] != (((long) owner << 32) | (incarnation & 0xFFFFFFFFL))) {
      return false;
    }
    release(entry);
    cancelledQueued++;
    return true;
  }

  /**
   * The payload of the popped timer {@code timerId}, which stops being pending, or {@link
   * #CANCELLED} if it was cancelled.
   */
  Object claim(long timerId) {
    int entry = (int) timerId;
    if (words[2 * entry] == ((timerId & ~0xFFFFFFFFL) | LIVE)) {
      Object payload = payloads[entry];
      release(entry);
      return payload;
    }
    cancelledQueued--;
    return CANCELLED;
  }

  /** Cancelled timers still in the event queue. */
  int cancelledQueued() {
    return cancelledQueued;
  }

  private int alloc() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    if (limit == payloads.length) {
      grow();
    }
    return limit++;
  }

  private void release(int entry) {
    words[2 * entry] &= ~LIVE;
    payloads[entry] = null;
    free[freeCount++] = entry;
  }

  private void grow() {
    int capacity = payloads.length * 2;
    words = Arrays.copyOf(words, 2 * capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    free = Arrays.copyOf(free, capacity);
  }
}
