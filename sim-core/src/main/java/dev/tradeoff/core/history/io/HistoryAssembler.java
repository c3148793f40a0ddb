package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Locale;

/**
 * Builds a {@link History} from invocation and completion events in input order, shared by every
 * reader so that matching rules and their error messages are the same for all formats.
 *
 * <p>Contract: an invocation is recorded immediately (so operation indices follow the input's
 * invocation order); a completion closes the one outstanding operation of its process, which must
 * exist and have the same kind; a second invocation while one is outstanding is an error, because
 * Jepsen processes are single-threaded and the pairing would otherwise be ambiguous.
 */
final class HistoryAssembler {
  private final String source;
  private final History history = new History();
  // Used for lookups only, never iterated, so hash order cannot leak into the result.
  private final Int2IntOpenHashMap outstanding = new Int2IntOpenHashMap();
  private final IntArrayList invokeLines = new IntArrayList();

  HistoryAssembler(String source) {
    this.source = source;
    outstanding.defaultReturnValue(-1);
  }

  /** An error at {@code line:column} of {@code source}, in the common message shape. */
  static IllegalArgumentException error(String source, int line, int column, String message) {
    return new IllegalArgumentException(source + ":" + line + ":" + column + ": " + message);
  }

  IllegalArgumentException error(int line, int column, String message) {
    return error(source, line, column, message);
  }

  /** Lower-case name of a kind as the formats spell it, without a colon. */
  static String name(OpKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
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
    int previous = outstanding.get(process);
    if (previous >= 0) {
      throw error(
          line,
          column,
          "process "
              + process
              + " invokes "
              + name(kind)
              + " while its "
              + name(history.kind(previous))
              + " invoked at line "
              + invokeLines.getInt(previous)
              + " is still outstanding");
    }
    int op =
        kind == OpKind.CAS
            ? history.invokeCas(process, key, expected, value, time)
            : history.invoke(process, kind, key, value, time);
    invokeLines.add(line);
    outstanding.put(process, op);
  }

  /** Records a completion found at {@code line:column}. */
  void complete(
      int process, OpKind kind, OpStatus status, long result, long time, int line, int column) {
    int op = outstanding.remove(process);
    if (op < 0) {
      throw error(
          line,
          column,
          "process " + process + " completes " + name(kind) + " with no outstanding invocation");
    }
    if (history.kind(op) != kind) {
      throw error(
          line,
          column,
          "process "
              + process
              + " completes "
              + name(kind)
              + " but its outstanding invocation at line "
              + invokeLines.getInt(op)
              + " is "
              + name(history.kind(op)));
    }
    if (time < history.invokeNanos(op)) {
      throw error(
          line,
          column,
          "completion time " + time + " precedes invocation time " + history.invokeNanos(op));
    }
    history.complete(op, status, result, time);
  }

  /** The history; operations still outstanding stay pending. */
  History finish() {
    return history;
  }
}
