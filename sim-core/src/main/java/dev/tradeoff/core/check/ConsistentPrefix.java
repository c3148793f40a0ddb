package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Consistent prefix over snapshot reads ({@link History#invokeSnapshotRead}): each snapshot must
 * show a prefix of the writes, so if it shows write {@code w2} on one key it also shows, on every
 * other key it reads, every write that was acknowledged before {@code w2} was invoked (Terry,
 * "Replicated Data Consistency Explained Through Baseball", 2013: "an ordered sequence of writes
 * starting with the first write"). Writes ordered in real time are ordered in any sequence a single
 * leader or log can assign, so a violation is certain: the snapshot saw an effect without an
 * earlier, already acknowledged cause (the answer without the question, in Kleppmann's example).
 *
 * <p>A snapshot violates it when, for keys {@code a} and {@code b} it read, the version it saw of
 * {@code a} is certainly older ({@link SessionHistoryIndex}) than some write {@code w1} of {@code
 * a} that completed OK before the write of the version it saw of {@code b} was invoked. Single-key
 * reads always see a prefix of their key's writes, so only snapshots of two or more keys can fire.
 */
final class ConsistentPrefix {
  private final SessionHistoryIndex index;
  private final History history;
  // Per key: acknowledged writes by completion time, and for each position the one invoked last
  // among those up to it: the newest write certainly acknowledged before a given time.
  private final Map<Long, long[]> completions = new TreeMap<>();
  private final Map<Long, int[]> newestInvoked = new TreeMap<>();

  ConsistentPrefix(SessionHistoryIndex index) {
    this.index = index;
    this.history = index.history();
    Map<Long, IntArrayList> writes = new TreeMap<>();
    for (int op = 0; op < history.size(); op++) {
      if (SessionHistoryIndex.isWrite(history, op) && history.status(op) == OpStatus.OK) {
        writes.computeIfAbsent(history.key(op), k -> new IntArrayList()).add(op);
      }
    }
    for (Map.Entry<Long, IntArrayList> e : writes.entrySet()) {
      int[] ops = e.getValue().toIntArray();
      IntArrays.stableSort(ops, (x, y) -> Long.compare(completeOf(x), completeOf(y)));
      long[] times = new long[ops.length];
      int[] newest = new int[ops.length];
      for (int i = 0; i < ops.length; i++) {
        times[i] = completeOf(ops[i]);
        boolean later = i == 0 || invokeOf(ops[i]) >= invokeOf(newest[i - 1]);
        newest[i] = later ? ops[i] : newest[i - 1];
      }
      completions.put(e.getKey(), times);
      newestInvoked.put(e.getKey(), newest);
    }
  }

  private long completeOf(int op) {
    return history.completeNanos(op);
  }

  private long invokeOf(int op) {
    return history.invokeNanos(op);
  }

  /** Reports each violating snapshot once, with the first pair of keys that shows it. */
  void run(Consumer<String> findings) {
    int op = 0;
    while (op < history.size()) {
      int size = history.snapshotSize(op);
      if (history.snapshot(op) == op && history.status(op) == OpStatus.OK && size > 1) {
        String witness = firstViolation(op, size);
        if (witness != null) {
          findings.accept(witness);
        }
      }
      op += history.snapshot(op) == op ? size : 1;
    }
  }

  private String firstViolation(int first, int size) {
    for (int j = first; j < first + size; j++) {
      long seen = history.result(j);
      int effect = index.writeOf(history.key(j), seen);
      if (effect < 0) {
        continue; // nil or an unplaceable value: no write whose causes to look for
      }
      for (int i = first; i < first + size; i++) {
        if (i == j || !index.placeable(history.key(i), history.result(i))) {
          continue;
        }
        int cause = newestBefore(history.key(i), history.invokeNanos(effect));
        if (cause >= 0
            && index.certainlyOlder(history.key(i), history.result(i), history.value(cause))) {
          return describe(first, size, j, effect, i, cause);
        }
      }
    }
    return null;
  }

  /** The write of {@code key} invoked last among those acknowledged before {@code nanos}. */
  private int newestBefore(long key, long nanos) {
    long[] times = completions.get(key);
    if (times == null) {
      return -1;
    }
    int lo = 0;
    int hi = times.length; // first position completing at or after nanos
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] < nanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? -1 : newestInvoked.get(key)[lo - 1];
  }

  private String describe(
      int first, int size, int effectRead, int effect, int staleRead, int cause) {
    long staleKey = history.key(staleRead);
    return "snapshot read op "
        + first
        + " ("
        + history.processName(history.process(first))
        + ", "
        + size
        + " keys, "
        + SessionHistoryIndex.time(history.invokeNanos(first))
        + ".."
        + SessionHistoryIndex.time(history.completeNanos(first))
        + ") saw key "
        + history.key(effectRead)
        + " = "
        + SessionHistoryIndex.text(history, history.result(effectRead))
        + " from "
        + index.describe(effect)
        + " but key "
        + staleKey
        + " = "
        + SessionHistoryIndex.text(history, history.result(staleRead))
        + " ("
        + index.describeVersion(staleKey, history.result(staleRead))
        + "), older than "
        + index.describe(cause)
        + ", which was acknowledged before op "
        + effect
        + " began: not a prefix of the writes";
  }
}
