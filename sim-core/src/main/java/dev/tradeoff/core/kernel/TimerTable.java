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

  private int[] generations = new int[64];
  private int[] owners = new int[64];
  private int[] incarnations = new int[64];
  private boolean[] live = new boolean[64];
  private Object[] payloads = new Object[64];
  private int[] free = new int[64];
  private int freeCount;
  private int limit;
  private int cancelledQueued;

  /** A new pending timer of {@code owner}'s incarnation carrying {@code payload}; its id. */
  long add(int owner, int incarnation, Object payload) {
    int entry = alloc();
    generations[entry] = (generations[entry] + 1) & Integer.MAX_VALUE; // ids stay >= 0
    owners[entry] = owner;
    incarnations[entry] = incarnation;
    live[entry] = true;
    payloads[entry] = payload; // kept here, so a cancelled timer's payload can be let go
    return ((long) generations[entry] << 32) | entry;
  }

  /**
   * Cancels {@code timerId} if it is pending and belongs to {@code owner}'s {@code incarnation};
   * returns whether it did.
   */
  boolean cancel(int owner, int incarnation, long timerId) {
    int entry = (int) timerId;
    if (entry < 0
        || entry >= limit
        || !live[entry]
        || generations[entry] != (int) (timerId >>> 32)
        || owners[entry] != owner
        || incarnations[entry] != incarnation) {
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
    if (live[entry] && generations[entry] == (int) (timerId >>> 32)) {
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
    if (limit == live.length) {
      grow();
    }
    return limit++;
  }

  private void release(int entry) {
    live[entry] = false;
    payloads[entry] = null;
    free[freeCount++] = entry;
  }

  private void grow() {
    int capacity = live.length * 2;
    generations = Arrays.copyOf(generations, capacity);
    owners = Arrays.copyOf(owners, capacity);
    incarnations = Arrays.copyOf(incarnations, capacity);
    live = Arrays.copyOf(live, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    free = Arrays.copyOf(free, capacity);
  }
}
