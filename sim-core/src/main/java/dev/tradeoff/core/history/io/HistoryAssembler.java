package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * Builds a {@link History} from invocation and completion events in input order, shared by every
 * reader so that matching rules and their error messages are the same for all formats.
 *
 * <p>Contract: an invocation is recorded immediately (so operation indices follow the input's
 * invocation order); a completion closes the one outstanding operation of its process, which must
 * exist and have the same kind (a snapshot read counts as its own kind, named as the format names
 * it); a second invocation while one is outstanding is an error, because Jepsen processes are
 * single-threaded and the pairing would otherwise be ambiguous. The assembler also remembers, per
 * operation, whether its invocation was a Jepsen "independent" {@code [key value]} tuple, since the
 * completion must then be one too.
 */
final class HistoryAssembler {
  private final String source;
  private final String snapshotName;
  private final History history = new History();
  // Used for lookups only, never iterated, so hash order cannot leak into the result.
  private final Int2IntOpenHashMap outstanding = new Int2IntOpenHashMap();
  private final IntArrayList invokeLines = new IntArrayList();
  private final BooleanArrayList tupled = new BooleanArrayList();

  /** An assembler whose snapshot reads are called {@code txn}, as Jepsen calls them. */
  HistoryAssembler(String source) {
    this(source, "txn");
  }

  /** An assembler naming snapshot reads {@code snapshotName} in its error messages. */
  HistoryAssembler(String source, String snapshotName) {
    this.source = source;
    this.snapshotName = snapshotName;
    outstanding.defaultReturnValue(-1);
  }

  /** An error at {@code line:column} of {@code source}, in the common message shape. */
  static IllegalArgumentException error(String source, int line, int column, String message) {
    return new IllegalArgumentException(source + ":" + line + ":" + column + ": " + message);
  }

  IllegalArgumentException error(int line, int column, String message) {
    return error(source, line, column, message);
  }

  private String name(int op) {
    return history.snapshot(op) >= 0 ? snapshotName : history.kind(op).label();
  }

  /** Records an invocation found at {@code line:column}. */
  void invoke(
      int process,
      OpKind kind,
      long key,
      long expected,
      long value,
      long time,
      int line,
      int column) {
    invoke(process, kind, key, expected, value, false, time, line, column);
  }

  /**
   * Records an invocation found at {@code line:column}; {@code tuple} says it was written as a
   * Jepsen independent {@code [key value]} tuple.
   */
  void invoke(
      int process,
      OpKind kind,
      long key,
      long expected,
      long value,
      boolean tuple,
      long time,
      int line,
      int column) {
    checkIdle(process, kind.label(), line, column);
    int op =
        kind == OpKind.CAS
            ? history.invokeCas(process, key, expected, value, time)
            : history.invoke(process, kind, key, value, time);
    invokeLines.add(line);
    tupled.add(tuple);
    outstanding.put(process, op);
  }

  /**
   * Records a snapshot read of {@code keys} found at {@code line:column}; the caller has checked
   * that there is at least one key and none twice.
   */
  void invokeSnapshot(int process, long[] keys, long time, int line, int column) {
    checkIdle(process, snapshotName, line, column);
    int first = history.invokeSnapshotRead(process, keys, time);
    for (int i = 0; i < keys.length; i++) {
      invokeLines.add(line);
      tupled.add(false);
    }
    outstanding.put(process, first);
  }

  private void checkIdle(int process, String what, int line, int column) {
    int previous = outstanding.get(process);
    if (previous >= 0) {
      throw error(
          line,
          column,
          "process "
              + process
              + " invokes "
              + what
              + " while its "
              + name(previous)
              + " invoked at line "
              + invokeLines.getInt(previous)
              + " is still outstanding");
    }
  }

  /**
   * The outstanding operation of {@code process} if it is a plain (not snapshot) operation that was
   * invoked as a {@code [key value]} tuple, else -1.
   */
  int outstandingTuple(int process) {
    int op = outstanding.get(process);
    return op >= 0 && history.snapshot(op) < 0 && tupled.getBoolean(op) ? op : -1;
  }

  /**
   * The value standing for the string {@code text} in this history ({@link History#internText}).
   */
  long text(String text) {
    return history.internText(text);
  }

  /** The key of operation {@code op}. */
  long key(int op) {
    return history.key(op);
  }

  /** The line where operation {@code op} was invoked. */
  int invokeLine(int op) {
    return invokeLines.getInt(op);
  }

  /** Records a completion found at {@code line:column}. */
  void complete(
      int process, OpKind kind, OpStatus status, long result, long time, int line, int column) {
    int op = take(process, kind, kind.label(), time, line, column);
    history.complete(op, status, result, time);
  }

  /**
   * Records a {@code FAIL} or {@code INFO} completion found at {@code line:column} that returned no
   * value, of the outstanding {@code kind} op of {@code process}, or of its snapshot read when
   * {@code kind} is null.
   */
  void completeUnreturned(
      int process, OpKind kind, OpStatus status, long time, int line, int column) {
    int op = take(process, kind, kind == null ? snapshotName : kind.label(), time, line, column);
    if (kind == null) {
      long[] nothing = new long[history.snapshotSize(op)];
      Arrays.fill(nothing, History.NIL);
      history.completeSnapshotRead(op, status, nothing, time);
    } else {
      history.complete(op, status, History.NIL, time);
    }
  }

  /** Records that a read returned the list {@code list}, found at {@code line:column}. */
  void completeList(int process, OpStatus status, long[] list, long time, int line, int column) {
    int op = take(process, OpKind.READ, OpKind.READ.label(), time, line, column);
    history.completeList(op, status, list, time);
  }

  /**
   * Records the completion of a snapshot read found at {@code line:column}: {@code keys} must be
   * the invocation's keys in the same order, else the error is reported at {@code keysLine:
   * keysColumn}; {@code results} has one value per key.
   */
  void completeSnapshot(
      int process,
      OpStatus status,
      long[] keys,
      long[] results,
      long time,
      int line,
      int column,
      int keysLine,
      int keysColumn) {
    int first = take(process, null, snapshotName, time, line, column);
    int count = history.snapshotSize(first);
    boolean same = keys.length == count;
    for (int i = 0; same && i < count; i++) {
      same = history.key(first + i) == keys[i];
    }
    if (!same) {
      throw error(
          keysLine,
          keysColumn,
          "expected the keys "
              + keysOf(first, count)
              + " of the "
              + snapshotName
              + " invoked at line "
              + invokeLines.getInt(first)
              + ", in that order, got "
              + Arrays.toString(keys));
    }
    history.completeSnapshotRead(first, status, results, time);
  }

  private String keysOf(int first, int count) {
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[i] = history.key(first + i);
    }
    return Arrays.toString(keys);
  }

  /**
   * Removes and returns the outstanding operation of {@code process}, which must be of {@code
   * kind}, or a snapshot read when {@code kind} is null.
   */
  private int take(int process, OpKind kind, String what, long time, int line, int column) {
    int op = outstanding.remove(process);
    if (op < 0) {
      throw error(
          line,
          column,
          "process " + process + " completes " + what + " with no outstanding invocation");
    }
    boolean snapshot = history.snapshot(op) >= 0;
    if (snapshot != (kind == null) || (kind != null && history.kind(op) != kind)) {
      throw error(
          line,
          column,
          "process "
              + process
              + " completes "
              + what
              + " but its outstanding invocation at line "
              + invokeLines.getInt(op)
              + " is "
              + name(op));
    }
    if (time < history.invokeNanos(op)) {
      throw error(
          line,
          column,
          "completion time " + time + " precedes invocation time " + history.invokeNanos(op));
    }
    return op;
  }

  /** The history; operations still outstanding stay pending. */
  History finish() {
    return history;
  }
}
