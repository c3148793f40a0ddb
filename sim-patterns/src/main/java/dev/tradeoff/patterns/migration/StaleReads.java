package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code migration} checker: every OK read of the history judged on its own against the writes
 * of its key acknowledged before it began, as the client saw one store whichever system served it.
 * A read is <em>missing</em> when it returned nothing although a write of its key had been
 * acknowledged before it was invoked, and <em>stale</em> when the write it saw certainly precedes
 * such an acknowledged write (it completed before that write was invoked). Writes that overlap, end
 * unknown or never end are never held against a read, so a linearizable history has no violation.
 * One violation per bad read; the witnesses name the system that served it ({@link Ledger}).
 *
 * <p>Cost: per key, the OK writes sorted by completion with a running maximum of their invocation
 * times; per read, one binary search.
 */
final class StaleReads implements Checker {
  private static final int WITNESSES = 5;

  private final Ledger ledger;

  StaleReads(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return "migration";
  }

  /** One key's acknowledged writes, by completion, with the latest-invoked one so far. */
  private static final class Acked {
    final long[] completeNanos;
    final int[] latestInvoked; // op of the latest-invoked write among the first i + 1

    Acked(History h, IntArrayList writes) {
      int[] ops = writes.toIntArray();
      Integer[] boxed = new Integer[ops.length];
      for (int i = 0; i < ops.length; i++) {
        boxed[i] = ops[i];
      }
      java.util.Arrays.sort(boxed, (a, b) -> Long.compare(h.completeNanos(a), h.completeNanos(b)));
      completeNanos = new long[ops.length];
      latestInvoked = new int[ops.length];
      for (int i = 0; i < ops.length; i++) {
        int op = boxed[i];
        completeNanos[i] = h.completeNanos(op);
        boolean later = i == 0 || h.invokeNanos(op) > h.invokeNanos(latestInvoked[i - 1]);
        latestInvoked[i] = later ? op : latestInvoked[i - 1];
      }
    }

    /** The latest-invoked write acknowledged before {@code nanos}, or -1. */
    int latestBefore(long nanos) {
      int lo = 0;
      int hi = completeNanos.length; // first index with completion >= nanos
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (completeNanos[mid] < nanos) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo == 0 ? -1 : latestInvoked[lo - 1];
    }
  }

  @Override
  public CheckResult check(History h) {
    Long2ObjectOpenHashMap<IntArrayList> writesByKey = new Long2ObjectOpenHashMap<>();
    Long2IntOpenHashMap writer = new Long2IntOpenHashMap();
    writer.defaultReturnValue(-1);
    for (int op = 0; op < h.size(); op++) {
      OpKind kind = h.kind(op);
      if ((kind == OpKind.WRITE || kind == OpKind.CAS) && h.status(op) != OpStatus.FAIL) {
        writer.put(h.value(op), op);
        if (h.status(op) == OpStatus.OK) {
          writesByKey.computeIfAbsent(h.key(op), k -> new IntArrayList()).add(op);
        }
      }
    }
    Long2ObjectOpenHashMap<Acked> acked = new Long2ObjectOpenHashMap<>();
    long judged = 0;
    long missing = 0;
    long stale = 0;
    Map<String, Long> bySide = new TreeMap<>();
    List<String> witnesses = new ArrayList<>();
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) != OpKind.READ || h.status(op) != OpStatus.OK || h.resultList(op) != null) {
        continue;
      }
      judged++;
      if (!writesByKey.containsKey(h.key(op))) {
        continue; // no acknowledged write: any answer will do
      }
      long key = h.key(op);
      Acked a = acked.computeIfAbsent(key, k -> new Acked(h, writesByKey.get(k)));
      int latest = a.latestBefore(h.invokeNanos(op));
      if (latest < 0) {
        continue;
      }
      long seen = h.result(op);
      int seenWriter = seen == History.NIL ? -1 : writer.get(seen);
      boolean bad;
      if (seen == History.NIL) {
        bad = true;
        missing++;
      } else {
        // only an acknowledged write certainly ended: one that timed out may land at any time
        bad =
            seenWriter >= 0
                && seenWriter != latest
                && h.status(seenWriter) == OpStatus.OK
                && h.completeNanos(seenWriter) < h.invokeNanos(latest);
        stale += bad ? 1 : 0;
      }
      if (bad) {
        bySide.merge(ledger.side(op), 1L, Long::sum);
        if (witnesses.size() < WITNESSES) {
          witnesses.add(witness(h, op, seenWriter, latest));
        }
      }
    }
    String detail =
        judged
            + " reads judged: "
            + missing
            + " missing, "
            + stale
            + " stale"
            + (bySide.isEmpty() ? "" : "; served by " + bySide);
    return missing + stale > 0
        ? CheckResult.invalid(name(), missing + stale, witnesses, detail)
        : CheckResult.valid(name(), detail);
  }

  private String witness(History h, int read, int seenWriter, int latest) {
    String saw =
        seenWriter < 0
            ? "returned nothing"
            : "returned the value written at " + TimeText.of(h.invokeNanos(seenWriter));
    return "read of key "
        + h.key(read)
        + " at "
        + TimeText.of(h.invokeNanos(read))
        + ", served by "
        + ledger.side(read)
        + ", "
        + saw
        + ", though a write invoked at "
        + TimeText.of(h.invokeNanos(latest))
        + " was acknowledged at "
        + TimeText.of(h.completeNanos(latest));
  }
}
