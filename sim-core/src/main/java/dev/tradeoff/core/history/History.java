package dev.tradeoff.core.history;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The operations clients performed, in invocation order, with invocation and completion in true
 * time. Stored column-wise in primitive arrays, so millions of operations stay cheap.
 *
 * <p>Written values are unique within a history ({@link #nextUniqueValue()}), so a checker can tell
 * which write a read observed. An operation that never completes stays pending and counts as {@link
 * OpStatus#INFO}: it may or may not have taken effect.
 *
 * <p>Two shapes go beyond one long per field. A read of a list (the keys that {@link OpKind#APPEND}
 * builds) completes with {@link #completeList}; its {@link #result} is the list's last element and
 * {@link #resultList} the whole list. A snapshot read ({@link #invokeSnapshotRead}) reads several
 * keys at one point of the store's history: it is recorded as consecutive READ operations, one per
 * key, sharing invocation, completion and {@link #snapshot}, so checkers of single keys see its
 * parts as ordinary reads.
 */
public final class History {
  /** The absent value: a read of a missing key, or no value. */
  public static final long NIL = Long.MIN_VALUE;

  private static final OpKind[] KINDS = OpKind.values();
  private static final OpStatus[] STATUSES = OpStatus.values();

  private int size;
  // Columns in chunks (46 bytes an operation, 50 with the node that served it); the rare fields, a
  // CAS's expected value and a snapshot's first operation, are kept only for the operations that
  // have them.
  private final Columns.Ints processes = new Columns.Ints();
  private final Columns.Bytes kinds = new Columns.Bytes();
  private final Columns.Bytes statuses = new Columns.Bytes();
  private final Columns.Longs keys = new Columns.Longs();
  private final Columns.Longs values = new Columns.Longs();
  private final Columns.Longs results = new Columns.Longs();
  private final Columns.Longs invokes = new Columns.Longs();
  private final Columns.Longs completes = new Columns.Longs();
  // Lookups only, never iterated.
  private final Int2LongOpenHashMap expecteds = new Int2LongOpenHashMap();
  private final Int2IntOpenHashMap snapshots = new Int2IntOpenHashMap();

  /** An empty history. */
  public History() {
    expecteds.defaultReturnValue(NIL);
    snapshots.defaultReturnValue(-1);
  }

  // Lookups only, never iterated: hash order cannot leak into anything observed.
  private final Int2ObjectOpenHashMap<long[]> lists = new Int2ObjectOpenHashMap<>();
  // Text values (interned strings) and client names: lookups only, never iterated.
  private final List<String> texts = new ArrayList<>();
  private final Object2LongOpenHashMap<String> textIds = new Object2LongOpenHashMap<>();
  private final Int2ObjectOpenHashMap<String> processNames = new Int2ObjectOpenHashMap<>();
  // The node whose answer completed an operation, as 1 + its index in serverNames (0: none
  // noted): a column, since nearly every operation of a client-server run has one. The map is for
  // lookups only, never iterated, never hashed.
  private final Columns.Ints servers = new Columns.Ints();
  private final List<String> serverNames = new ArrayList<>();
  private final Object2IntOpenHashMap<String> serverIds = new Object2IntOpenHashMap<>();
  private long nextValue = 1;
  private long hash = 0x6A09E667F3BCC908L;
  // Lookups only, never iterated; see derived().
  private final Map<Class<?>, Derived> derivations = new LinkedHashMap<>(4);

  /** A value no earlier call returned: 1, 2, 3, … */
  public long nextUniqueValue() {
    return nextValue++;
  }

  /**
   * The value standing for the string {@code text}: the same value for equal strings, distinct
   * values for different ones, numbered from {@code NIL + 1} upwards in order of first use, so that
   * they do not meet the small integers histories write. Imported key-value histories whose values
   * are strings (Porcupine's {@code :put}, {@code :append} and {@code :get}) record them this way;
   * {@link #text} turns a value back into its string.
   */
  public long internText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text is null");
    }
    long id = textIds.getOrDefault(text, NIL);
    if (id == NIL) {
      id = NIL + 1 + texts.size();
      texts.add(text);
      textIds.put(text, id);
    }
    return id;
  }

  /** Whether any value stands for a string ({@link #internText}): if not, {@link #text} is null. */
  public boolean hasTexts() {
    return !texts.isEmpty();
  }

  /** The string {@code value} stands for ({@link #internText}), or null if it is not a text. */
  public String text(long value) {
    long index = value - (NIL + 1); // wraps to a negative or huge index for other values
    return index >= 0 && index < texts.size() ? texts.get((int) index) : null;
  }

  /**
   * Names client {@code process} (for example {@code client-3}, its node's name), so that witnesses
   * can say who did what; a process named again keeps the last name.
   */
  public void nameProcess(int process, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a process name must not be blank");
    }
    processNames.put(process, name);
  }

  /** The name of client {@code process}, or {@code process N} if it was never named. */
  public String processName(int process) {
    String name = processNames.get(process);
    return name != null ? name : "process " + process;
  }

  /**
   * Notes that node {@code node} gave the answer that completed {@code op} (the replica or cache
   * that served a read). Not part of {@link #hash()}. Witnesses and explanations read it, and so do
   * the monotonic-writes and writes-follow-reads checkers, which compare only reads one node
   * answered.
   */
  public void served(int op, String node) {
    checkIndex(op);
    int id = serverIds.getInt(java.util.Objects.requireNonNull(node, "node"));
    if (id == 0) {
      serverNames.add(node);
      id = serverNames.size();
      serverIds.put(node, id);
    }
    servers.set(op, id);
  }

  /** The node that answered {@code op} ({@link #served}), or null if none was noted. */
  public String server(int op) {
    checkIndex(op);
    int id = servers.getOrZero(op);
    return id == 0 ? null : serverNames.get(id - 1);
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
    if (size == Integer.MAX_VALUE) {
      throw new IllegalStateException(
          "a history holds at most " + Integer.MAX_VALUE + " operations");
    }
    int i = size++;
    processes.set(i, process);
    kinds.set(i, (byte) kind.ordinal());
    statuses.set(i, (byte) OpStatus.INFO.ordinal());
    keys.set(i, key);
    values.set(i, value);
    if (expected != NIL) {
      expecteds.put(i, expected);
    }
    results.set(i, NIL);
    invokes.set(i, invokeNanos);
    completes.set(i, Long.MAX_VALUE);
    fold(process, kind.ordinal(), key, value, expected, invokeNanos);
    return i;
  }

  /**
   * Records the completion of operation {@code op}. A second completion of the same operation is an
   * error: it would rewrite what a checker already may have read.
   */
  public void complete(int op, OpStatus status, long result, long completeNanos) {
    checkIndex(op);
    if (completes.get(op) != Long.MAX_VALUE) {
      throw new IllegalStateException("operation " + op + " completed twice");
    }
    if (completeNanos < invokes.get(op)) {
      throw new IllegalArgumentException("operation " + op + " completes before it was invoked");
    }
    statuses.set(op, (byte) status.ordinal());
    results.set(op, result);
    completes.set(op, completeNanos);
    fold(op, status.ordinal(), result, completeNanos, 0, 0);
  }

  /**
   * Records that read {@code op} returned the list {@code list} (oldest element first; empty for an
   * absent key). Only reads complete this way; the same rules as {@link #complete} apply.
   */
  public void completeList(int op, OpStatus status, long[] list, long completeNanos) {
    checkIndex(op);
    if (kinds.get(op) != OpKind.READ.ordinal()) {
      throw new IllegalArgumentException("operation " + op + " is not a read: " + kind(op));
    }
    long last = list.length == 0 ? NIL : list[list.length - 1];
    complete(op, status, last, completeNanos);
    lists.put(op, list.clone());
    for (long element : list) {
      fold(op, element, 0, 0, 0, 0);
    }
  }

  /**
   * Records a snapshot read of {@code keys} (at least one, no key twice) and returns the index of
   * its first operation; the others follow it, one per key, in the order given.
   */
  public int invokeSnapshotRead(int process, long[] keys, long invokeNanos) {
    if (keys.length == 0) {
      throw new IllegalArgumentException("a snapshot read needs at least one key");
    }
    for (int i = 0; i < keys.length; i++) {
      for (int j = 0; j < i; j++) {
        if (keys[i] == keys[j]) {
          throw new IllegalArgumentException("key " + keys[i] + " appears twice in a snapshot");
        }
      }
    }
    int first = size;
    for (long key : keys) {
      int op = invoke(process, OpKind.READ, key, NIL, invokeNanos);
      snapshots.put(op, first);
    }
    return first;
  }

  /**
   * Completes the snapshot read starting at {@code first} with one result per key, in the order of
   * its keys.
   */
  public void completeSnapshotRead(int first, OpStatus status, long[] results, long completeNanos) {
    checkIndex(first);
    int count = snapshotSize(first);
    if (snapshots.get(first) != first || results.length != count) {
      throw new IllegalArgumentException(
          "operation " + first + " does not start a snapshot read of " + results.length + " keys");
    }
    for (int i = 0; i < count; i++) {
      complete(first + i, status, results[i], completeNanos);
    }
  }

  /** The first operation of the snapshot read {@code op} belongs to, or -1 if it is not in one. */
  public int snapshot(int op) {
    checkIndex(op);
    // Most histories have no snapshot reads; readers ask this of every operation.
    return snapshots.isEmpty() ? snapshots.defaultReturnValue() : snapshots.get(op);
  }

  /** The number of keys of the snapshot read {@code op} belongs to; 1 if it is not in one. */
  public int snapshotSize(int op) {
    int first = snapshot(op);
    if (first < 0) {
      return 1;
    }
    int end = first + 1;
    while (end < size && snapshots.get(end) == first) {
      end++;
    }
    return end - first;
  }

  /**
   * A running hash of every invocation and completion, in the order recorded: two runs that
   * recorded the same history have the same hash.
   */
  public long hash() {
    return hash;
  }

  /**
   * What {@code derive} makes of this history, made once and handed to every caller asking for the
   * same {@code kind} until the history records anything more. For indexes that several checkers
   * build alike (they judge one history in turn, or side by side): {@code derive} must be a pure
   * function of the history, so sharing its result changes nothing. The result is held weakly, so
   * it never keeps memory the callers have let go; a caller waiting while another derives gets the
   * same result.
   */
  public synchronized <T> T derived(Class<T> kind, Function<History, ? extends T> derive) {
    Derived previous = derivations.get(kind);
    Object kept = previous == null ? null : previous.result.get();
    if (kept != null && previous.size == size && previous.hash == hash) {
      return kind.cast(kept);
    }
    T result = Objects.requireNonNull(derive.apply(this), "derived value");
    derivations.put(kind, new Derived(new WeakReference<>(result), size, hash));
    return result;
  }

  /** A derived value and the state of the history it was made from. */
  private record Derived(WeakReference<Object> result, int size, long hash) {}

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
    return processes.get(op);
  }

  /** What {@code op} does. */
  public OpKind kind(int op) {
    checkIndex(op);
    return KINDS[kinds.get(op)];
  }

  /** How {@code op} ended; {@link OpStatus#INFO} while pending. */
  public OpStatus status(int op) {
    checkIndex(op);
    return STATUSES[statuses.get(op)];
  }

  /** The key of {@code op}. */
  public long key(int op) {
    checkIndex(op);
    return keys.get(op);
  }

  /** The value {@code op} writes, appends or sets by CAS; {@link #NIL} for reads. */
  public long value(int op) {
    checkIndex(op);
    return values.get(op);
  }

  /** The value a CAS expects; {@link #NIL} otherwise. */
  public long expected(int op) {
    checkIndex(op);
    return expecteds.get(op);
  }

  /** The value a read returned; {@link #NIL} if none. */
  public long result(int op) {
    checkIndex(op);
    return results.get(op);
  }

  /**
   * The list read {@code op} returned (a copy), or null if it completed with a single value (or is
   * not a read, or is pending).
   */
  public long[] resultList(int op) {
    checkIndex(op);
    if (lists.isEmpty()) {
      return null; // a history without list reads; checkers ask this of every operation
    }
    long[] list = lists.get(op);
    return list == null ? null : list.clone();
  }

  /** True time {@code op} was invoked. */
  public long invokeNanos(int op) {
    checkIndex(op);
    return invokes.get(op);
  }

  /** True time {@code op} completed; {@link Long#MAX_VALUE} while pending. */
  public long completeNanos(int op) {
    checkIndex(op);
    return completes.get(op);
  }

  /** Operation {@code op} as a value. */
  public Op op(int op) {
    checkIndex(op);
    return new Op(
        op,
        processes.get(op),
        KINDS[kinds.get(op)],
        keys.get(op),
        values.get(op),
        expecteds.get(op),
        results.get(op),
        invokes.get(op),
        completes.get(op),
        STATUSES[statuses.get(op)]);
  }

  /** Every operation, in invocation order. */
  public List<Op> ops() {
    List<Op> ops = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ops.add(op(i));
    }
    return ops;
  }

  // Small enough to be inlined into every accessor, even by C1 (the launcher's compiler): the
  // message is built out of line.
  private void checkIndex(int op) {
    if (op < 0 || op >= size) {
      throw noSuchOperation(op);
    }
  }

  private IndexOutOfBoundsException noSuchOperation(int op) {
    return new IndexOutOfBoundsException("no operation " + op + " in a history of " + size);
  }
}
