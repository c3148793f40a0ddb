package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

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
 * <p>The observed version of a read is the write of the value it returned on the same key; a read
 * returning a value no write of that key wrote cannot be placed and is skipped by every checker
 * here (linearizability reports it).
 */
final class SessionHistoryIndex {
  private final History history;
  // Lookups only, never iterated: hash order cannot leak into output.
  private final Long2IntOpenHashMap writeOfValue = new Long2IntOpenHashMap();

  SessionHistoryIndex(History history) {
    this.history = history;
    writeOfValue.defaultReturnValue(-1);
    for (int op = 0; op < history.size(); op++) {
      if (isWrite(history, op)) {
        writeOfValue.put(history.value(op), op);
      }
    }
  }

  History history() {
    return history;
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

  /** The write of {@code value} to {@code key}, or -1 if none (also for NIL). */
  int writeOf(long key, long value) {
    if (value == History.NIL) {
      return -1;
    }
    int op = writeOfValue.get(value);
    return op >= 0 && history.key(op) == key ? op : -1;
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

  /** One operation in plain words: index, process, kind, key, values and true times. */
  String describe(int op) {
    String what =
        switch (history.kind(op)) {
          case READ ->
              "read key "
                  + history.key(op)
                  + " -> "
                  + (history.resultList(op) == null
                      ? text(history.result(op))
                      : java.util.Arrays.toString(history.resultList(op)));
          case WRITE -> "wrote " + text(history.value(op)) + " to key " + history.key(op);
          case CAS ->
              "cas key "
                  + history.key(op)
                  + " from "
                  + text(history.expected(op))
                  + " to "
                  + text(history.value(op));
          case APPEND -> "appended " + text(history.value(op)) + " to key " + history.key(op);
        };
    long complete = history.completeNanos(op);
    String status =
        history.status(op) == OpStatus.OK
            ? ""
            : " " + history.status(op).name().toLowerCase(java.util.Locale.ROOT);
    return "op "
        + op
        + " (process "
        + history.process(op)
        + " "
        + what
        + status
        + ", "
        + history.invokeNanos(op)
        + ".."
        + (complete == Long.MAX_VALUE ? "pending" : Long.toString(complete))
        + " ns)";
  }

  static String text(long value) {
    return value == History.NIL ? "nil" : Long.toString(value);
  }
}
