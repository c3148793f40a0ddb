package dev.tradeoff.patterns.log;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * The writes of a history by their unique value, for the log's checkers to name the operation
 * behind a record in their witnesses. Looked up only, never iterated.
 */
final class Writes {
  private final History history;
  private final Long2IntOpenHashMap opOfValue = new Long2IntOpenHashMap();

  Writes(History history) {
    this.history = history;
    opOfValue.defaultReturnValue(-1);
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) == OpKind.WRITE) {
        opOfValue.putIfAbsent(history.value(op), op);
      }
    }
  }

  /** Whether {@code op} is a write the store acknowledged (OK). */
  static boolean isOkWrite(History history, int op) {
    return history.kind(op) == OpKind.WRITE && history.status(op) == OpStatus.OK;
  }

  /** E.g. {@code write of 412 to key 7 by client-3 (invoked 5.102s, ok 5.104s)}. */
  String describe(long value) {
    int op = opOfValue.get(value);
    if (op < 0) {
      return "value " + value + " (no operation in the history)";
    }
    return "write of "
        + value
        + " to key "
        + history.key(op)
        + " by "
        + history.processName(history.process(op))
        + " (invoked "
        + TimeText.of(history.invokeNanos(op))
        + ", "
        + history.status(op).name().toLowerCase(java.util.Locale.ROOT)
        + (history.status(op) == OpStatus.OK ? " " + TimeText.of(history.completeNanos(op)) : "")
        + ")";
  }
}
