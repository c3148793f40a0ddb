package dev.tradeoff.core.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operations clients performed, in invocation order, with invocation and completion in true
 * time. Stored column-wise in primitive arrays, so millions of operations stay cheap.
 *
 * <p>Written values are unique within a history ({@link #nextUniqueValue()}), so a checker can tell
 * which write a read observed. An operation that never completes stays pending and counts as {@link
 * OpStatus#INFO}: it may or may not have taken effect.
 */
public final class History {
  /** The absent value: a read of a missing key, or no value. */
  public static final long NIL = Long.MIN_VALUE;

  private static final OpKind[] KINDS = OpKind.values();
  private static final OpStatus[] STATUSES = OpStatus.values();

  private int size;
  private int[] processes = new int[256];
  private byte[] kinds = new byte[256];
  private byte[] statuses = new byte[256];
  private long[] keys = new long[256];
  private long[] values = new long[256];
  private long[] expecteds = new long[256];
  private long[] results = new long[256];
  private long[] invokes = new long[256];
  private long[] completes = new long[256];
  private long nextValue = 1;
  private long hash = 0x6A09E667F3BCC908L;

  /** A value no earlier call returned: 1, 2, 3, … */
  public long nextUniqueValue() {
    return nextValue++;
  }

  /** Records an invocation and returns the operation's index. */
  public int invoke(int process, OpKind kind, long key, long value, long invokeNanos) {
    return invoke(process, kind, key, NIL, value, invokeNanos);
  }

  /** Records a compare-and-set invocation and returns its index. */
  public int invokeCas(int process, long key, long expected, long newValue, long invokeNanos) {
    return invoke(process, OpKind.CAS, key, expected, newValue, invokeNanos);
  }

  private int invoke(
      int process, OpKind kind, long key, long expected, long value, long invokeNanos) {
    if (size == processes.length) {
      grow();
    }
    int i = size++;
    processes[i] = process;
    kinds[i] = (byte) kind.ordinal();
    statuses[i] = (byte) OpStatus.INFO.ordinal();
    keys[i] = key;
    values[i] = value;
    expecteds[i] = expected;
    results[i] = NIL;
    invokes[i] = invokeNanos;
    completes[i] = Long.MAX_VALUE;
    fold(process, kind.ordinal(), key, value, expected, invokeNanos);
    return i;
  }

  /**
   * Records the completion of operation {@code op}. A second completion of the same operation is an
   * error: it would rewrite what a checker already may have read.
   */
  public void complete(int op, OpStatus status, long result, long completeNanos) {
    checkIndex(op);
    if (completes[op] != Long.MAX_VALUE) {
      throw new IllegalStateException("operation " + op + " completed twice");
    }
    if (completeNanos < invokes[op]) {
      throw new IllegalArgumentException("operation " + op + " completes before it was invoked");
    }
    statuses[op] = (byte) status.ordinal();
    results[op] = result;
    completes[op] = completeNanos;
    fold(op, status.ordinal(), result, completeNanos, 0, 0);
  }

  /**
   * A running hash of every invocation and completion, in the order recorded: two runs that
   * recorded the same history have the same hash.
   */
  public long hash() {
    return hash;
  }

  private void fold(long a, long b, long c, long d, long e, long f) {
    hash = mix(mix(mix(mix(mix(mix(hash, a), b), c), d), e), f);
  }

  private static long mix(long h, long x) {
    return Long.rotateLeft((h ^ x) * 0x9E3779B97F4A7C15L, 31);
  }

  /** Number of operations invoked. */
  public int size() {
    return size;
  }

  /** The client that issued {@code op}. */
  public int process(int op) {
    checkIndex(op);
    return processes[op];
  }

  /** What {@code op} does. */
  public OpKind kind(int op) {
    checkIndex(op);
    return KINDS[kinds[op]];
  }

  /** How {@code op} ended; {@link OpStatus#INFO} while pending. */
  public OpStatus status(int op) {
    checkIndex(op);
    return STATUSES[statuses[op]];
  }

  /** The key of {@code op}. */
  public long key(int op) {
    checkIndex(op);
    return keys[op];
  }

  /** The value {@code op} writes, appends or sets by CAS; {@link #NIL} for reads. */
  public long value(int op) {
    checkIndex(op);
    return values[op];
  }

  /** The value a CAS expects; {@link #NIL} otherwise. */
  public long expected(int op) {
    checkIndex(op);
    return expecteds[op];
  }

  /** The value a read returned; {@link #NIL} if none. */
  public long result(int op) {
    checkIndex(op);
    return results[op];
  }

  /** True time {@code op} was invoked. */
  public long invokeNanos(int op) {
    checkIndex(op);
    return invokes[op];
  }

  /** True time {@code op} completed; {@link Long#MAX_VALUE} while pending. */
  public long completeNanos(int op) {
    checkIndex(op);
    return completes[op];
  }

  /** Operation {@code op} as a value. */
  public Op op(int op) {
    checkIndex(op);
    return new Op(
        op,
        processes[op],
        KINDS[kinds[op]],
        keys[op],
        values[op],
        expecteds[op],
        results[op],
        invokes[op],
        completes[op],
        STATUSES[statuses[op]]);
  }

  /** Every operation, in invocation order. */
  public List<Op> ops() {
    List<Op> ops = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ops.add(op(i));
    }
    return ops;
  }

  private void checkIndex(int op) {
    if (op < 0 || op >= size) {
      throw new IndexOutOfBoundsException("no operation " + op + " in a history of " + size);
    }
  }

  private void grow() {
    int capacity = processes.length * 2;
    processes = Arrays.copyOf(processes, capacity);
    kinds = Arrays.copyOf(kinds, capacity);
    statuses = Arrays.copyOf(statuses, capacity);
    keys = Arrays.copyOf(keys, capacity);
    values = Arrays.copyOf(values, capacity);
    expecteds = Arrays.copyOf(expecteds, capacity);
    results = Arrays.copyOf(results, capacity);
    invokes = Arrays.copyOf(invokes, capacity);
    completes = Arrays.copyOf(completes, capacity);
  }
}
