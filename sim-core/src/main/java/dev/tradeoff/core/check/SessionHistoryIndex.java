package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.Arrays;
import java.util.Locale;

/**
 * Shared look-ups for the session, staleness and lost-write checkers over register/KV histories.
 *
 * <p><b>Version order.</b> A write is a WRITE, or a CAS that ended OK or INFO (a failed CAS wrote
 * nothing). The reference order of a key's versions is the order in which writes completed OK (ties
 * by invocation), but a checker only calls version {@code a} <em>older</em> than {@code b} when
 * that is certain: {@code a}'s write completed before {@code b}'s was invoked. Overlapping writes
 * may take effect in either order, so claiming an order between them would accuse correct systems.
 * The initial absent value ({@link History#NIL}) is older than every write; a write that never
 * completed (INFO) is older than nothing.
 *
 * <p>The observed version of a read is the write of the value it returned on the same key: writes
 * are indexed by key and value together, so one value written to two keys is two versions. A read
 * returning a value no write of that key wrote cannot be placed and is skipped by every checker
 * here (linearizability reports it). All of this needs each key's written values to be unique;
 * {@link #repeatedValues()} says when they are not (Jepsen's etcd tests write 0–4 over and over),
 * and then {@link #writeOf} names the last write of the value, which a checker must not rely on.
 */
final class SessionHistoryIndex {
  private final History history;
  // Lookups only, never iterated: hash order cannot leak into output.
  private final WriteTable writes;
  private final String repeatedValues;
  // Built when a checker first asks; an int per operation. Racing threads build equal arrays.
  private volatile int[] sessionKeyIds;
  private volatile int[] observedWrites;

  /** In {@link #observedWrites()}: the read returned the initial nil. */
  static final int NIL_VERSION = -1;

  /** In {@link #observedWrites()}: not an OK read, or one no write can be matched to. */
  static final int UNPLACED = -2;

  SessionHistoryIndex(History history) {
    this.history = history;
    int count = 0;
    for (int op = 0; op < history.size(); op++) {
      count += isWrite(history, op) ? 1 : 0;
    }
    writes = new WriteTable(count);
    for (int op = 0; op < history.size(); op++) {
      if (isWrite(history, op)) {
        writes.put(history.key(op), history.value(op), op);
      }
    }
    repeatedValues = findRepeat();
  }

  /**
   * The index of {@code history}, shared through {@link History#derived} by every checker that
   * judges it while it stays unchanged: the session checkers, staleness and lost writes judge one
   * history in turn or side by side, and building the index was a large share of each; an index is
   * immutable, so sharing it changes no result.
   */
  static SessionHistoryIndex of(History history) {
    return history.derived(SessionHistoryIndex.class, SessionHistoryIndex::new);
  }

  /**
   * Dense ids of each operation's session and key ({@code process}, {@code key}): ids count from 0
   * in order of first appearance, so a checker can keep per-session state in arrays.
   */
  int[] sessionKeyIds() {
    int[] ids = sessionKeyIds;
    if (ids == null) {
      ids = denseSessionKeys();
      sessionKeyIds = ids;
    }
    return ids;
  }

  /**
   * Per operation, the version an OK read observed, looked up once for every checker: the write
   * ({@link #writeOf}) of the value it returned, {@link #NIL_VERSION} for the initial nil, or
   * {@link #UNPLACED} when it is no OK read or returned a value no write of its key wrote.
   */
  int[] observedWrites() {
    int[] writesSeen = observedWrites;
    if (writesSeen == null) {
      writesSeen = new int[history.size()];
      for (int op = 0; op < writesSeen.length; op++) {
        if (!isOkRead(history, op)) {
          writesSeen[op] = UNPLACED;
        } else if (history.result(op) == History.NIL) {
          writesSeen[op] = NIL_VERSION;
        } else {
          int write = writeOf(history.key(op), history.result(op));
          writesSeen[op] = write >= 0 ? write : UNPLACED;
        }
      }
      observedWrites = writesSeen;
    }
    return writesSeen;
  }

  /** {@link #versionInvokeNanos} of the version {@code write} wrote (or {@link #NIL_VERSION}). */
  long invokeNanosOfVersion(int write) {
    return write == NIL_VERSION ? Long.MIN_VALUE : history.invokeNanos(write);
  }

  /** {@link #versionCompleteNanos} of the version {@code write} wrote (or {@link #NIL_VERSION}). */
  long completeNanosOfVersion(int write) {
    if (write == NIL_VERSION) {
      return Long.MIN_VALUE;
    }
    return history.status(write) == OpStatus.OK ? history.completeNanos(write) : Long.MAX_VALUE;
  }

  private int[] denseSessionKeys() {
    int[] ids = new int[history.size()];
    PairIds table = new PairIds(history.size());
    for (int op = 0; op < ids.length; op++) {
      ids[op] = table.id(history.process(op), history.key(op));
    }
    return ids;
  }

  History history() {
    return history;
  }

  /**
   * Why reads cannot be matched to writes, or null when every key's written values are unique:
   * names the smallest key with a repeated value and, on it, the value written most often (the
   * smallest such value on a tie), e.g. {@code written values repeat on key 3 (value 2 written 5
   * times): which write a read saw cannot be told}.
   */
  String repeatedValues() {
    return repeatedValues;
  }

  private String findRepeat() {
    // Scans ops, not the hash map, so the choice is the same whatever the hash order.
    int worst = -1;
    int worstCount = 1;
    for (int op = 0; op < history.size(); op++) {
      if (!isWrite(history, op)) {
        continue;
      }
      int count = writes.count(history.key(op), history.value(op));
      if (count < 2) {
        continue;
      }
      long key = history.key(op);
      long value = history.value(op);
      boolean better =
          worst < 0
              || key < history.key(worst)
              || (key == history.key(worst)
                  && (count > worstCount || (count == worstCount && value < history.value(worst))));
      if (better) {
        worst = op;
        worstCount = count;
      }
    }
    if (worst < 0) {
      return null;
    }
    return "written values repeat on key "
        + history.key(worst)
        + " (value "
        + text(history.value(worst))
        + " written "
        + worstCount
        + " times): which write a read saw cannot be told";
  }

  /** Whether {@code op} is a write that may have taken effect. */
  static boolean isWrite(History h, int op) {
    OpKind kind = h.kind(op);
    return (kind == OpKind.WRITE || kind == OpKind.CAS) && h.status(op) != OpStatus.FAIL;
  }

  /** Whether {@code op} is a read that returned a value. */
  static boolean isOkRead(History h, int op) {
    return h.kind(op) == OpKind.READ && h.status(op) == OpStatus.OK;
  }

  /**
   * The write of {@code value} to {@code key}, or -1 if none (also for NIL); the last one when the
   * value was written more than once ({@link #repeatedValues()}).
   */
  int writeOf(long key, long value) {
    if (value == History.NIL) {
      return -1;
    }
    return writes.op(key, value);
  }

  /** Whether a read of {@code key} returning {@code value} can be placed in the version order. */
  boolean placeable(long key, long value) {
    return value == History.NIL || writeOf(key, value) >= 0;
  }

  /** Invocation time of the version's write; the initial NIL is at the beginning of time. */
  long versionInvokeNanos(long key, long value) {
    return value == History.NIL ? Long.MIN_VALUE : history.invokeNanos(writeOf(key, value));
  }

  /** Completion time of the version's write; MAX if it never completed OK. */
  long versionCompleteNanos(long key, long value) {
    if (value == History.NIL) {
      return Long.MIN_VALUE;
    }
    int op = writeOf(key, value);
    return history.status(op) == OpStatus.OK ? history.completeNanos(op) : Long.MAX_VALUE;
  }

  /** Whether version {@code older} is certainly older than {@code newer} (both placeable). */
  boolean certainlyOlder(long key, long older, long newer) {
    return older != newer && versionCompleteNanos(key, older) < versionInvokeNanos(key, newer);
  }

  /** The version in words: the write that wrote it, or the initial nil. */
  String describeVersion(long key, long value) {
    return value == History.NIL ? "the initial nil of key " + key : describe(writeOf(key, value));
  }

  /**
   * One operation in plain words: index, client (its name when the history has one, else {@code
   * process N}), kind, key, values and true times in ms or s, e.g. {@code op 4 (client-3 wrote 7 to
   * key 0, 1.25 s..1.5 s)}.
   */
  String describe(int op) {
    String what =
        switch (history.kind(op)) {
          case READ ->
              "read key "
                  + history.key(op)
                  + " -> "
                  + (history.resultList(op) == null
                      ? text(history, history.result(op))
                      : Arrays.toString(history.resultList(op)));
          case WRITE -> "wrote " + text(history, history.value(op)) + " to key " + history.key(op);
          case CAS ->
              "cas key "
                  + history.key(op)
                  + " from "
                  + text(history, history.expected(op))
                  + " to "
                  + text(history, history.value(op));
          case APPEND ->
              "appended " + text(history, history.value(op)) + " to key " + history.key(op);
        };
    long complete = history.completeNanos(op);
    String status =
        history.status(op) == OpStatus.OK
            ? ""
            : " " + history.status(op).name().toLowerCase(Locale.ROOT);
    return "op "
        + op
        + " ("
        + history.processName(history.process(op))
        + " "
        + what
        + status
        + ", "
        + time(history.invokeNanos(op))
        + ".."
        + (complete == Long.MAX_VALUE ? "pending" : time(complete))
        + ")";
  }

  /**
   * A true time in words, exactly: below a second in ms ({@code 250 ms}, {@code 0.00004 ms}), from
   * a second on in s ({@code 1.25 s}), trailing zeros dropped; {@code pending} for {@link
   * Long#MAX_VALUE}. Raw nanosecond counts are hard to read at a glance, and imported histories
   * whose times are positions still keep their order.
   */
  static String time(long nanos) {
    return dev.tradeoff.core.TimeText.exact(nanos);
  }

  /** A value in words: {@code nil}, the integer, or the quoted text of a text value. */
  static String text(History history, long value) {
    String text = history.text(value);
    return text != null ? quote(text) : text(value);
  }

  static String text(long value) {
    return value == History.NIL ? "nil" : Long.toString(value);
  }

  /** {@code text} in double quotes, with quotes and backslashes escaped as in EDN. */
  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Writes by key and value in open addressing over primitive arrays: the checkers look a read's
   * write up once or more per read, and a map of boxed pairs made that their main cost. For each
   * pair: the last write of it and how many wrote it.
   */
  private static final class WriteTable {
    private final long[] keys;
    private final long[] values;
    private final int[] ops; // -1: empty slot
    private final int[] counts;
    private final int mask;

    WriteTable(int writes) {
      int capacity = Integer.highestOneBit(Math.max(4, writes * 2 - 1)) << 1;
      keys = new long[capacity];
      values = new long[capacity];
      ops = new int[capacity];
      counts = new int[capacity];
      Arrays.fill(ops, -1);
      mask = capacity - 1;
    }

    void put(long key, long value, int op) {
      int slot = slot(key, value);
      keys[slot] = key;
      values[slot] = value;
      ops[slot] = op;
      counts[slot]++;
    }

    int op(long key, long value) {
      return ops[slot(key, value)];
    }

    int count(long key, long value) {
      return counts[slot(key, value)];
    }

    /** The pair's slot, or the empty slot where it would go. */
    private int slot(long key, long value) {
      long h = dev.tradeoff.core.random.RandomStreams.mix64(key * 0x9E3779B97F4A7C15L ^ value);
      int slot = (int) h & mask;
      while (ops[slot] >= 0 && (keys[slot] != key || values[slot] != value)) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }
  }

  /** Dense ids of (process, key) pairs in order of first appearance, by open addressing. */
  private static final class PairIds {
    private int[] processes;
    private long[] keys;
    private int[] ids; // -1: empty slot
    private int mask;
    private int next;

    PairIds(int expected) {
      allocate(Integer.highestOneBit(Math.max(16, Math.min(expected, 1 << 16))) << 1);
    }

    private void allocate(int capacity) {
      processes = new int[capacity];
      keys = new long[capacity];
      ids = new int[capacity];
      Arrays.fill(ids, -1);
      mask = capacity - 1;
    }

    int id(int process, long key) {
      int slot = slot(process, key);
      if (ids[slot] >= 0) {
        return ids[slot];
      }
      if (2 * (next + 1) > ids.length) {
        grow();
        slot = slot(process, key);
      }
      processes[slot] = process;
      keys[slot] = key;
      ids[slot] = next;
      return next++;
    }

    private int slot(int process, long key) {
      long h = dev.tradeoff.core.random.RandomStreams.mix64(key * 0x9E3779B97F4A7C15L ^ process);
      int slot = (int) h & mask;
      while (ids[slot] >= 0 && (processes[slot] != process || keys[slot] != key)) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private void grow() {
      int[] oldProcesses = processes;
      long[] oldKeys = keys;
      int[] oldIds = ids;
      allocate(ids.length * 2);
      for (int i = 0; i < oldIds.length; i++) {
        if (oldIds[i] >= 0) {
          int slot = slot(oldProcesses[i], oldKeys[i]);
          processes[slot] = oldProcesses[i];
          keys[slot] = oldKeys[i];
          ids[slot] = oldIds[i];
        }
      }
    }
  }
}
