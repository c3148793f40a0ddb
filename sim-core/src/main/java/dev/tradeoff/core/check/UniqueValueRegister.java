package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;

/**
 * Linearizability of one key's register in O(n log n) when every write on the key carries its own
 * value, so that each read's write is known (the read-mapping of Gibbons &amp; Korach, SIAM J.
 * Comput. 1997).
 *
 * <p>A value's <em>cluster</em> is its write and the reads that returned it; the initial value nil
 * has a virtual write before everything. In any linearization a cluster is contiguous (a value,
 * once overwritten, never returns) with its write first, so the history is linearizable exactly
 * when no read completes before its own write is invoked and the clusters can be ordered so that
 * whenever an op of one precedes an op of another in real time, the first cluster comes first.
 * Cluster C must precede D when {@code lo(C) < hi(D)}, where {@code lo} is the earliest completion
 * among C's ops and {@code hi} the latest invocation. This class orders the clusters greedily, each
 * step taking one that no remaining cluster must precede (found from the two smallest {@code lo}
 * and {@code hi}); taking any such cluster never blocks a later step. When none is left to take,
 * two remaining clusters must each precede the other, and that pair is the witness.
 *
 * <p>Both answers are proofs: VALID comes with the order found, INVALID with a pair of clusters (or
 * a read before its write) that no order satisfies. A key this class cannot treat — a CAS, an
 * append, a text or list value, a value written twice or a write of nil, a read of a value nothing
 * on the key wrote — or a dead end without such a pair is {@link Outcome#UNDECIDED}, and the caller
 * falls back to {@link LinearizabilitySearch}. Timing follows the search: an op precedes another
 * when it completed strictly before the other was invoked, and an INFO (or pending) op completes at
 * +infinity. The caller has dropped FAIL ops, INFO reads and INFO writes nobody observed.
 */
final class UniqueValueRegister {
  /** What {@link #run()} decided. */
  enum Outcome {
    VALID,
    INVALID,
    UNDECIDED
  }

  private static final long NEVER = Long.MAX_VALUE;

  private final History history;
  private final int[] ops;
  private Outcome outcome;
  private int clusters;
  private long[] lo; // by cluster: earliest completion among its ops (nil's virtual write: MIN)
  private long[] hi; // by cluster: latest invocation among its ops
  private int[] loOp; // the op giving lo (-1 for nil's virtual write)
  private int[] hiOp; // the op giving hi
  private long[] value; // the cluster's value
  private int[] writer; // the write of the value (-1 for nil)
  private String witness = "";
  private int[] witnessOps = new int[0];

  /** Prepares the check of {@code ops}: one key's history indices, as the caller kept them. */
  UniqueValueRegister(History history, int[] ops) {
    this.history = history;
    this.ops = ops;
  }

  /** Decides, once. */
  Outcome run() {
    outcome = clusterOps();
    if (outcome == null) {
      outcome = order();
    }
    return outcome;
  }

  /** For {@link Outcome#INVALID}: why, as a sentence about the ops involved. */
  String witness() {
    return witness;
  }

  /** The operations {@link #witness} names, the one that cannot be linearized first. */
  int[] witnessOps() {
    return witnessOps;
  }

  /** Builds the clusters; null when they are built, else the outcome already reached. */
  private Outcome clusterOps() {
    Long2IntOpenHashMap clusterOf = new Long2IntOpenHashMap(); // lookups only, never iterated
    clusterOf.defaultReturnValue(-1);
    clusterOf.put(History.NIL, 0);
    int writes = 0;
    for (int op : ops) {
      OpKind kind = history.kind(op);
      if (kind == OpKind.CAS || kind == OpKind.APPEND || history.resultList(op) != null) {
        return Outcome.UNDECIDED;
      }
      long v = kind == OpKind.READ ? history.result(op) : history.value(op);
      if (history.text(v) != null) {
        return Outcome.UNDECIDED;
      }
      if (kind == OpKind.WRITE) {
        if (clusterOf.putIfAbsent(v, ++writes) != -1) {
          return Outcome.UNDECIDED; // nil, or a value written twice: the read-mapping is unknown
        }
      }
    }
    clusters = writes + 1;
    lo = new long[clusters];
    hi = new long[clusters];
    loOp = new int[clusters];
    hiOp = new int[clusters];
    value = new long[clusters];
    writer = new int[clusters];
    Arrays.fill(lo, NEVER);
    Arrays.fill(hi, Long.MIN_VALUE);
    Arrays.fill(loOp, -1);
    Arrays.fill(hiOp, -1);
    lo[0] = Long.MIN_VALUE;
    writer[0] = -1;
    value[0] = History.NIL;
    for (int op : ops) {
      if (history.kind(op) == OpKind.WRITE) {
        int c = clusterOf.get(history.value(op));
        writer[c] = op;
        value[c] = history.value(op);
        include(c, op);
      }
    }
    for (int op : ops) {
      if (history.kind(op) != OpKind.READ) {
        continue;
      }
      int c = clusterOf.get(history.result(op));
      if (c < 0) {
        return Outcome.UNDECIDED; // nothing wrote it: the search says so without searching
      }
      if (c > 0 && history.completeNanos(op) < history.invokeNanos(writer[c])) {
        witness = readBeforeWrite(op, writer[c]);
        witnessOps = new int[] {op, writer[c]};
        return Outcome.INVALID;
      }
      include(c, op);
    }
    return null;
  }

  private void include(int c, int op) {
    long complete = history.status(op) == OpStatus.OK ? history.completeNanos(op) : NEVER;
    if (complete < lo[c] || loOp[c] < 0 && c != 0) {
      lo[c] = Math.min(lo[c], complete);
      loOp[c] = op;
    }
    if (history.invokeNanos(op) > hi[c] || hiOp[c] < 0) {
      hi[c] = history.invokeNanos(op);
      hiOp[c] = op;
    }
  }

  /**
   * Orders the clusters greedily (see the class comment). Nil takes part only when some read
   * returned it; a cluster of nothing but an INFO write cannot occur, the caller dropped those.
   */
  private Outcome order() {
    int[] byLo = new int[clusters];
    int[] byHi = new int[clusters];
    int live = 0;
    for (int c = 0; c < clusters; c++) {
      if (hiOp[c] >= 0) {
        byLo[live] = c;
        byHi[live] = c;
        live++;
      }
    }
    byLo = Arrays.copyOf(byLo, live);
    byHi = Arrays.copyOf(byHi, live);
    IntArrays.quickSort(byLo, (x, y) -> lo[x] != lo[y] ? Long.compare(lo[x], lo[y]) : x - y);
    IntArrays.quickSort(byHi, (x, y) -> hi[x] != hi[y] ? Long.compare(hi[x], hi[y]) : x - y);
    boolean[] taken = new boolean[clusters];
    Alive loRank = new Alive(byLo, taken);
    Alive hiRank = new Alive(byHi, taken);
    for (int step = 0; step < live; step++) {
      // A has the smallest lo, A2 the next; B the smallest hi, B2 the next. A cluster may go next
      // when its hi is at most every other remaining cluster's lo: that is lo(A) for all but A,
      // and lo(A2) for A. If B fails, every cluster but A fails, and vice versa for B2 when B = A.
      int rankA = loRank.first();
      int rankA2 = loRank.after(rankA);
      int rankB = hiRank.first();
      int a = byLo[rankA];
      int b = byHi[rankB];
      int pick = -1;
      if (b != a && hi[b] <= lo[a]) {
        pick = b;
      } else if (rankA2 < 0 || hi[a] <= lo[byLo[rankA2]]) {
        pick = a;
      } else if (b == a) {
        int rankB2 = hiRank.after(rankB);
        if (rankB2 >= 0 && hi[byHi[rankB2]] <= lo[a]) {
          pick = byHi[rankB2];
        }
      }
      if (pick < 0) {
        return conflict(taken);
      }
      taken[pick] = true;
    }
    return Outcome.VALID;
  }

  /**
   * At a dead end: finds two remaining clusters that must each precede the other and says why, or
   * answers undecided if there is none (then the search decides).
   */
  private Outcome conflict(boolean[] taken) {
    // Forward clusters (lo < hi) by lo: two overlap when one starts before another's hi; a backward
    // cluster (hi <= lo) conflicts with a forward one whose span (lo, hi) strictly holds its own.
    int[] forward = new int[clusters];
    int count = 0;
    for (int c = 0; c < clusters; c++) {
      if (!taken[c] && hiOp[c] >= 0 && lo[c] < hi[c]) {
        forward[count++] = c;
      }
    }
    forward = Arrays.copyOf(forward, count);
    IntArrays.quickSort(forward, (x, y) -> Long.compare(lo[x], lo[y]));
    int[] widest = new int[count]; // widest[i]: the cluster of largest hi among forward[0..i]
    for (int i = 0; i < count; i++) {
      int c = forward[i];
      widest[i] = i > 0 && hi[widest[i - 1]] >= hi[c] ? widest[i - 1] : c;
      if (i > 0 && lo[c] < hi[widest[i - 1]]) {
        return pair(widest[i - 1], c);
      }
    }
    for (int d = 0; d < clusters; d++) {
      if (taken[d] || hiOp[d] < 0 || lo[d] < hi[d]) {
        continue;
      }
      int below = lastBelow(forward, hi[d]);
      if (below >= 0 && hi[widest[below]] > lo[d]) {
        return pair(widest[below], d);
      }
    }
    return Outcome.UNDECIDED;
  }

  /** The last index i with lo[forward[i]] strictly below {@code t}, or -1. */
  private int lastBelow(int[] forward, long t) {
    int low = 0;
    int high = forward.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (lo[forward[mid]] < t) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /**
   * Clusters {@code x} and {@code y} must each precede the other: {@code lo(x) < hi(y)} and {@code
   * lo(y) < hi(x)}. The witness names the op of one that an op of the other completed before.
   */
  private Outcome pair(int x, int y) {
    if (y == 0) {
      int t = x;
      x = y;
      y = t;
    }
    // x's op hiOp[x] was invoked after y's op loOp[y] completed: it must follow y's write. And y
    // must follow all of x: nil comes first, or loOp[x] completed before hiOp[y] was invoked.
    int blocked = hiOp[x];
    int after = loOp[y];
    StringBuilder sb =
        new StringBuilder(Linearizability.opAt(history, blocked))
            .append(" cannot be linearized: it follows ")
            .append(Linearizability.describe(history, after))
            .append(" (")
            .append(history.processName(history.process(after)))
            .append(", ok at ")
            .append(SessionHistoryIndex.time(history.completeNanos(after)))
            .append("), so ")
            .append(Linearizability.value(value[y]))
            .append(" was written before it, and ");
    if (x == 0) {
      sb.append("once written the register never holds nil again");
    } else {
      int first = loOp[x];
      int next = hiOp[y];
      sb.append(Linearizability.describe(history, first))
          .append(" (")
          .append(history.processName(history.process(first)))
          .append(", ok at ")
          .append(SessionHistoryIndex.time(history.completeNanos(first)))
          .append(") precedes ")
          .append(Linearizability.describe(history, next))
          .append(" (")
          .append(history.processName(history.process(next)))
          .append(", invoked at ")
          .append(SessionHistoryIndex.time(history.invokeNanos(next)))
          .append("), so ")
          .append(Linearizability.value(value[x]))
          .append(" was overwritten for good before ")
          .append(Linearizability.value(value[y]))
          .append(" was written (each value is written once)");
    }
    witness = sb.toString();
    witnessOps = x == 0 ? new int[] {blocked, after} : new int[] {blocked, after, loOp[x], hiOp[y]};
    return Outcome.INVALID;
  }

  private String readBeforeWrite(int read, int write) {
    return Linearizability.opAt(history, read)
        + " cannot be linearized: it completed before "
        + Linearizability.describe(history, write)
        + " ("
        + history.processName(history.process(write))
        + ", invoked at "
        + SessionHistoryIndex.time(history.invokeNanos(write))
        + "), the only write of "
        + Linearizability.value(history.result(read));
  }

  /**
   * The clusters of one sort order not yet taken, by rank in that order: the first, and the next
   * after a rank, skipping taken ones through path-compressed forward pointers.
   */
  private static final class Alive {
    private final int[] order;
    private final boolean[] taken;
    private final int[] skip; // rank -> a rank after it and at or before the next untaken one

    Alive(int[] order, boolean[] taken) {
      this.order = order;
      this.taken = taken;
      this.skip = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        skip[i] = i;
      }
    }

    int first() {
      return from(0);
    }

    int after(int rank) {
      return from(rank + 1);
    }

    /** The first untaken rank at or after {@code rank}, or -1. */
    private int from(int rank) {
      int r = rank;
      while (r < order.length && taken[order[r]]) {
        r = Math.max(r + 1, skip[r]);
      }
      for (int s = rank; s < r; ) {
        int next = Math.max(s + 1, skip[s]);
        skip[s] = r;
        s = next;
      }
      return r < order.length ? r : -1;
    }
  }
}
