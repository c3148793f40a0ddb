package dev.tradeoff.core.kernel;

import java.util.Arrays;

/**
 * A 4-ary min-heap of {@code int} references ordered by {@code (timeNanos, sequence)} in primitive
 * arrays; the caller supplies the sequence and keeps what a reference stands for. {@link
 * EventQueue} keeps its earliest time window in one, and events scheduled before that window in
 * another.
 */
final class FourAryHeap {
  private static final int ARITY_SHIFT = 2;

  private long[] times;
  private long[] sequences;
  private int[] slots;
  private int size;

  /** Creates an empty queue that can hold {@code initialCapacity} events before it grows. */
  FourAryHeap(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    times = new long[capacity];
    sequences = new long[capacity];
    slots = new int[capacity];
  }

  /** Number of queued events. */
  int size() {
    return size;
  }

  /** Whether no event is queued. */
  boolean isEmpty() {
    return size == 0;
  }

  /** Time of the earliest event; undefined when the queue is empty. */
  long peekTimeNanos() {
    return times[0];
  }

  /** Sequence of the earliest event; undefined when the heap is empty. */
  long peekSequence() {
    return sequences[0];
  }

  /** Reference of the earliest event; undefined when the queue is empty. */
  int peekSlot() {
    return slots[0];
  }

  /** Time of the entry at heap position {@code i} (any order), {@code 0 <= i < size()}. */
  long timeAt(int i) {
    return times[i];
  }

  /** Sequence of the entry at heap position {@code i}. */
  long sequenceAt(int i) {
    return sequences[i];
  }

  /** Reference of the entry at heap position {@code i}. */
  int slotAt(int i) {
    return slots[i];
  }

  /** Queues reference {@code slot} at {@code timeNanos} with tie-breaking {@code sequence}. */
  void push(long timeNanos, long sequence, int slot) {
    if (size == times.length) {
      grow();
    }
    siftUp(size++, timeNanos, sequence, slot);
  }

  /** Removes the earliest event and returns its reference; the queue must not be empty. */
  int pop() {
    int top = slots[0];
    int last = --size;
    if (last > 0) {
      siftDown(times[last], sequences[last], slots[last], last);
    }
    return top;
  }

  /** Removes every event. Sequence numbers keep counting. */
  void clear() {
    size = 0;
  }

  private void siftUp(int index, long time, long sequence, int slot) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) >>> ARITY_SHIFT;
      long parentTime = times[parent];
      if (parentTime < time || (parentTime == time && sequences[parent] < sequence)) {
        break;
      }
      times[i] = parentTime;
      sequences[i] = sequences[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    sequences[i] = sequence;
    slots[i] = slot;
  }

  private void siftDown(long time, long sequence, int slot, int limit) {
    int i = 0;
    while (true) {
      int first = (i << ARITY_SHIFT) + 1;
      if (first >= limit) {
        break;
      }
      int best = first;
      long bestTime = times[first];
      long bestSequence = sequences[first];
      int end = Math.min(first + 4, limit);
      for (int child = first + 1; child < end; child++) {
        long childTime = times[child];
        if (childTime < bestTime || (childTime == bestTime && sequences[child] < bestSequence)) {
          best = child;
          bestTime = childTime;
          bestSequence = sequences[child];
        }
      }
      if (time < bestTime || (time == bestTime && sequence < bestSequence)) {
        break;
      }
      times[i] = bestTime;
      sequences[i] = bestSequence;
      slots[i] = slots[best];
      i = best;
    }
    times[i] = time;
    sequences[i] = sequence;
    slots[i] = slot;
  }

  private void grow() {
    int capacity = times.length * 2;
    times = Arrays.copyOf(times, capacity);
    sequences = Arrays.copyOf(sequences, capacity);
    slots = Arrays.copyOf(slots, capacity);
  }
}
