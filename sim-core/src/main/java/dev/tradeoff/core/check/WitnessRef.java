package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one witness names, as data beside its text: the history's operations, the time it is about,
 * and the nodes. A report places the witness from this (markers on the timeline, the operations of
 * the space-time diagram) instead of reading the text.
 *
 * @param ops the operations named, as indices into the checked history, the witnessing one first
 *     (the stale read, the lost write, the operation the search could not place) and then the ones
 *     it is judged against (the write the read missed, the write it read); empty when the witness
 *     names no operation (two leaders' tenures, a storage's fencing tokens)
 * @param fromNanos the start of the time the witness is about, true ns: the first operation's
 *     invocation, or the start of the overlap it names
 * @param untilNanos the end of that time: the first operation's completion, the end of the overlap,
 *     or -1 when it is still open at the end of the run
 * @param nodes the nodes the witness names (leaders, a storage), in the order named; empty when it
 *     names none
 */
public record WitnessRef(List<Integer> ops, long fromNanos, long untilNanos, List<String> nodes) {
  /** Copies the lists; rejects a negative operation index. */
  public WitnessRef {
    ops = List.copyOf(ops);
    nodes = List.copyOf(nodes);
    for (int op : ops) {
      if (op < 0) {
        throw new IllegalArgumentException("operation index must be >= 0, got " + op);
      }
    }
    for (String n : nodes) {
      Objects.requireNonNull(n, "node");
    }
  }

  /**
   * The witness of operations {@code ops} of {@code history}, about the first one's interval;
   * negative indices (an operation the checker could not name) are left out.
   */
  public static WitnessRef ofOps(History history, int... ops) {
    List<Integer> named = new ArrayList<>();
    for (int op : ops) {
      if (op >= 0 && !named.contains(op)) {
        named.add(op);
      }
    }
    if (named.isEmpty()) {
      return new WitnessRef(List.of(), -1, -1, List.of());
    }
    int first = named.get(0);
    long complete = history.completeNanos(first);
    return new WitnessRef(
        named, history.invokeNanos(first), complete == Long.MAX_VALUE ? -1 : complete, List.of());
  }

  /**
   * The witness of a time {@code [fromNanos, untilNanos)} ({@link Long#MAX_VALUE} for open) and the
   * nodes {@code nodes}, naming no operation.
   */
  public static WitnessRef during(long fromNanos, long untilNanos, String... nodes) {
    return new WitnessRef(
        List.of(), fromNanos, untilNanos == Long.MAX_VALUE ? -1 : untilNanos, List.of(nodes));
  }
}
