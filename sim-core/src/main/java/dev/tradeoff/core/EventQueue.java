package dev.tradeoff.core;

import java.util.Arrays;

/**
 * A priority queue of event slots ordered by {@code (timeNanos, sequence)}: a 16-ary radix heap
 * (Ahuja, Mehlhorn, Orlin and Tarjan 1990) over coarse time windows, with a small 4-ary heap for
 * the earliest window. It exploits that a simulation rarely schedules before the event it is
 * handling.
 *
 * <p>The sequence is a counter assigned at {@link #push}, so events with equal times pop in the
 * order they were pushed. Times are grouped into windows of {@code 2^}{@value #WINDOW_BITS} ns.
 * Events in the floor window (the earliest one reached) sit in a 4-ary heap ordered by time and
 * sequence. Later events sit in unsorted buckets keyed by the highest hexadecimal digit in which
 * their window differs from the floor window, and by that digit. When the floor heap runs dry, the
 * lowest non-empty bucket's earliest window becomes the floor and that bucket is spread over lower
 * ones. Every move is a sequential append and an event moves at most once per digit of its window
 * distance (three times for a few milliseconds ahead), so the queue is fast from a thousand pending
 * events to millions.
 *
 * <p>Events in windows before the floor (scheduled after a run stopped early, before the next due
 * event) go to a second small heap that pops first, so any order of pushes is correct. Nothing is
 * allocated once the buckets have grown to their peak sizes. Times must be non-negative.
 */
public final class EventQueue {
  /** Width of a time window, as a power of two of nanoseconds (1,024 ns). */
  static final int WINDOW_BITS = 10;

  private static final int DIGIT_BITS = 4;
  private static final int DIGITS = 1 << DIGIT_BITS;
  private static final int LEVELS = (64 - WINDOW_BITS + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final int BUCKETS = LEVELS * DIGITS;

  private final long[][] times = new long[BUCKETS][];
  private final long[][] sequences = new long[BUCKETS][];
  private final int[][] slots = new int[BUCKETS][];
  private final int[] counts = new int[BUCKETS];
  private final FourAryHeap current = new FourAryHeap(64);
  private final FourAryHeap early = new FourAryHeap(16);
  private long nonEmptyLevels; // bit l set when some bucket of level l has entries
  private final int[] nonEmptyDigits = new int[LEVELS]; // per level, bit d for bucket (l, d)
  private long floorWindow;
  private int size;
  private long nextSequence;

  /** Creates an empty queue sized for about {@code initialCapacity} pending events. */
  public EventQueue(int initialCapacity) {
    int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, initialCapacity / 64)));
    for (int b = 0; b < BUCKETS; b++) {
      times[b] = new long[capacity];
      sequences[b] = new long[capacity];
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
    return earliest().peekTimeNanos();
  }

  /** Slot of the earliest event; the queue must not be empty. */
  public int peekSlot() {
    return earliest().peekSlot();
  }

  /** Queues {@code slot} at {@code timeNanos}, after every event already queued at that time. */
  public void push(long timeNanos, int slot) {
    if (timeNanos < 0) {
      throw new IllegalArgumentException("event time must be >= 0, got " + timeNanos);
    }
    long sequence = nextSequence++;
    size++;
    long window = timeNanos >>> WINDOW_BITS;
    if (window == floorWindow) {
      current.push(timeNanos, sequence, slot);
    } else if (window > floorWindow) {
      append(bucketOf(window), timeNanos, sequence, slot);
    } else {
      early.push(timeNanos, sequence, slot);
    }
  }

  /** Removes the earliest event and returns its slot; the queue must not be empty. */
  public int pop() {
    FourAryHeap heap = earliest();
    size--;
    return heap.pop();
  }

  /** Removes every event. Sequence numbers keep counting. */
  public void clear() {
    Arrays.fill(counts, 0);
    Arrays.fill(nonEmptyDigits, 0);
    nonEmptyLevels = 0;
    size = 0;
    current.clear();
    early.clear();
  }

  /** The heap holding the earliest event, refilling the floor heap from the buckets if needed. */
  private FourAryHeap earliest() {
    if (size == 0) {
      throw new IllegalStateException("the event queue is empty");
    }
    if (!early.isEmpty()) {
      return early;
    }
    if (current.isEmpty()) {
      advanceFloor();
    }
    return current;
  }

  /** The bucket of a window after the floor window: (highest differing digit, its value). */
  private int bucketOf(long window) {
    int level = (63 - Long.numberOfLeadingZeros(window ^ floorWindow)) / DIGIT_BITS;
    int digit = (int) (window >>> (level * DIGIT_BITS)) & (DIGITS - 1);
    return level * DIGITS + digit;
  }

  /** Makes the earliest window of the lowest non-empty bucket the floor and spreads that bucket. */
  private void advanceFloor() {
    int level = Long.numberOfTrailingZeros(nonEmptyLevels);
    int b = level * DIGITS + Integer.numberOfTrailingZeros(nonEmptyDigits[level]);
    long[] bucketTimes = times[b];
    long[] bucketSequences = sequences[b];
    int[] bucketSlots = slots[b];
    int n = counts[b];
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, bucketTimes[i]);
    }
    floorWindow = min >>> WINDOW_BITS;
    counts[b] = 0;
    nonEmptyDigits[level] &= ~(1 << (b & (DIGITS - 1)));
    if (nonEmptyDigits[level] == 0) {
      nonEmptyLevels &= ~(1L << level);
    }
    for (int i = 0; i < n; i++) {
      long time = bucketTimes[i];
      long window = time >>> WINDOW_BITS;
      if (window == floorWindow) {
        current.push(time, bucketSequences[i], bucketSlots[i]);
      } else {
        append(bucketOf(window), time, bucketSequences[i], bucketSlots[i]);
      }
    }
  }

  private void append(int b, long time, long sequence, int slot) {
    int n = counts[b];
    if (n == times[b].length) {
      int capacity = 2 * n;
      times[b] = Arrays.copyOf(times[b], capacity);
      sequences[b] = Arrays.copyOf(sequences[b], capacity);
      slots[b] = Arrays.copyOf(slots[b], capacity);
    }
    times[b][n] = time;
    sequences[b][n] = sequence;
    slots[b][n] = slot;
    counts[b] = n + 1;
    int level = b / DIGITS;
    nonEmptyDigits[level] |= 1 << (b & (DIGITS - 1));
    nonEmptyLevels |= 1L << level;
  }
}
