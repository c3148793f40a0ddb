package dev.tradeoff.core;

import java.util.Arrays;

/**
 * A priority queue of event slots ordered by {@code (timeNanos, sequence)}: a radix heap (Ahuja,
 * Mehlhorn, Orlin and Tarjan 1990) over the times, exploiting that a simulation never schedules
 * before the event it is handling.
 *
 * <p>The sequence is a counter assigned at {@link #push}, so events with equal times pop in the
 * order they were pushed. Entries live in 64 unsorted buckets: bucket 0 holds the events at the
 * floor time (the time last reached), bucket {@code b} those whose time first differs from the
 * floor at bit {@code b - 1}. Popping from an empty bucket 0 finds the earliest entry of the lowest
 * non-empty bucket, makes its time the floor, and spreads that bucket over the lower ones; each
 * entry moves at most 63 times in its life and every move is a sequential append, so the queue
 * stays fast and cache-friendly at a million pending events.
 *
 * <p>Every bucket holds its entries in push order, so ties need no sequence numbers there: a push
 * appends the newest entry, and a bucket is only spread when every lower bucket is empty, so its
 * entries reach the lower buckets in the order they had.
 *
 * <p>Times below the floor (scheduled after a run stopped early, before the next due event) go to a
 * small 4-ary heap that pops first, so any order of pushes is correct. Nothing is allocated once
 * the buckets have grown to their peak sizes. Times must be non-negative.
 */
public final class EventQueue {
  private static final int BUCKETS = 64;

  private final long[][] times = new long[BUCKETS][];
  private final int[][] slots = new int[BUCKETS][];
  private final int[] counts = new int[BUCKETS];
  private final FourAryHeap early = new FourAryHeap(16);
  private long nonEmpty; // bit b set when bucket b (b >= 1) has entries
  private int head; // next entry of bucket 0
  private long floor;
  private int size;
  private long nextSequence;

  /** Creates an empty queue sized for about {@code initialCapacity} pending events. */
  public EventQueue(int initialCapacity) {
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity / 8)));
    for (int b = 0; b < BUCKETS; b++) {
      times[b] = new long[capacity];
      slots[b] = new int[capacity];
    }
  }

  /** Number of queued events. */
  public int size() {
    return size;
  }

  /** Whether no event is queued. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Total number of pushes so far; also the sequence the next push receives. */
  public long pushCount() {
    return nextSequence;
  }

  /** Time of the earliest event; the queue must not be empty. */
  public long peekTimeNanos() {
    if (!early.isEmpty()) {
      return early.peekTimeNanos();
    }
    settle();
    return floor;
  }

  /** Slot of the earliest event; the queue must not be empty. */
  public int peekSlot() {
    if (!early.isEmpty()) {
      return early.peekSlot();
    }
    settle();
    return slots[0][head];
  }

  /** Queues {@code slot} at {@code timeNanos}, after every event already queued at that time. */
  public void push(long timeNanos, int slot) {
    if (timeNanos < 0) {
      throw new IllegalArgumentException("event time must be >= 0, got " + timeNanos);
    }
    long sequence = nextSequence++;
    size++;
    if (timeNanos < floor) {
      early.push(timeNanos, sequence, slot);
    } else {
      append(bucketOf(timeNanos), timeNanos, slot);
    }
  }

  /** Removes the earliest event and returns its slot; the queue must not be empty. */
  public int pop() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty event queue");
    }
    size--;
    if (!early.isEmpty()) {
      return early.pop();
    }
    settle();
    int slot = slots[0][head++];
    if (head == counts[0]) {
      head = 0;
      counts[0] = 0;
    }
    return slot;
  }

  /** Removes every event. Sequence numbers keep counting. */
  public void clear() {
    Arrays.fill(counts, 0);
    nonEmpty = 0;
    head = 0;
    size = 0;
    early.clear();
  }

  private int bucketOf(long time) {
    return BUCKETS - Long.numberOfLeadingZeros(time ^ floor);
  }

  /** Makes bucket 0 hold the earliest events, if it does not already. */
  private void settle() {
    if (head < counts[0]) {
      return;
    }
    int b = Long.numberOfTrailingZeros(nonEmpty);
    if (b == BUCKETS) {
      throw new IllegalStateException("the event queue is empty");
    }
    long[] bucketTimes = times[b];
    int[] bucketSlots = slots[b];
    int n = counts[b];
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, bucketTimes[i]);
    }
    floor = min;
    counts[b] = 0;
    nonEmpty &= ~(1L << b);
    for (int i = 0; i < n; i++) {
      long time = bucketTimes[i];
      append(bucketOf(time), time, bucketSlots[i]);
    }
  }

  private void append(int b, long time, int slot) {
    int n = counts[b];
    if (n == times[b].length) {
      int capacity = 2 * n;
      times[b] = Arrays.copyOf(times[b], capacity);
      slots[b] = Arrays.copyOf(slots[b], capacity);
    }
    times[b][n] = time;
    slots[b][n] = slot;
    counts[b] = n + 1;
    if (b != 0) {
      nonEmpty |= 1L << b;
    }
  }
}
