package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntComparator;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Staleness of reads: for every OK read whose value can be placed in the version order (see {@link
 * SessionHistoryIndex}), how many versions and how much time it was behind the writes of its key
 * acknowledged (completed OK) before it began.
 *
 * <p>A read is <em>behind</em> an acknowledged write {@code w} when the version it saw is certainly
 * older than {@code w} (its write completed before {@code w} was invoked, or it saw the initial
 * nil). Versions behind = the number of such writes acknowledged before the read began; time behind
 * = the read's invocation minus the earliest acknowledgement among them, i.e. how long its value
 * had already been superseded. Overlapping writes are never counted, so a linearizable history has
 * no stale read.
 *
 * <p>t-visibility at delay t: among reads that began at least t after some write to their key was
 * acknowledged, the share that saw the latest-acknowledged such write or a version not certainly
 * older than it.
 *
 * <p>Cost: per read, a binary search plus a scan of the writes of its key acknowledged after the
 * version it saw and before it began: the versions it is behind, plus writes overlapping its own.
 */
public final class Staleness implements Checker {
  private final long[] delaysNanos;

  /** A staleness checker reporting t-visibility at {@code delaysNanos} (each ≥ 0). */
  public Staleness(List<Long> delaysNanos) {
    this.delaysNanos =
        delaysNanos.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    for (long d : this.delaysNanos) {
      if (d < 0) {
        throw new IllegalArgumentException("delay must be >= 0 ns, got " + d);
      }
    }
  }

  @Override
  public String name() {
    return "staleness";
  }

  @Override
  public CheckResult check(History history) {
    return report(history).result();
  }

  /** Every figure, with the verdict. */
  public StalenessReport report(History history) {
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    if (index.repeatedValues() != null) {
      // Which write a read saw cannot be told when a value was written twice: guessing would
      // invent stale reads (as for the session guarantees).
      return new StalenessReport(
          CheckResult.unknown(name(), index.repeatedValues()),
          0,
          0,
          new java.util.TreeMap<>(),
          new org.HdrHistogram.Histogram(3),
          List.of());
    }
    // Per key (numbered densely; looked up, never iterated), acknowledged writes ordered by
    // completion (ties by invocation, then index), and their completion times in that order.
    Long2IntOpenHashMap keyIds = new Long2IntOpenHashMap();
    keyIds.defaultReturnValue(-1);
    List<IntArrayList> ackedById = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (SessionHistoryIndex.isWrite(history, op) && history.status(op) == OpStatus.OK) {
        int id = keyIds.get(history.key(op));
        if (id < 0) {
          id = ackedById.size();
          keyIds.put(history.key(op), id);
          ackedById.add(new IntArrayList());
        }
        ackedById.get(id).add(op);
      }
    }
    IntComparator byAck =
        (x, y) -> {
          int c = Long.compare(history.completeNanos(x), history.completeNanos(y));
          if (c == 0) {
            c = Long.compare(history.invokeNanos(x), history.invokeNanos(y));
          }
          return c != 0 ? c : Integer.compare(x, y);
        };
    int[][] acked = new int[ackedById.size()][];
    long[][] completes = new long[ackedById.size()][];
    for (int id = 0; id < acked.length; id++) {
      int[] writes = ackedById.get(id).toIntArray();
      IntArrays.quickSort(writes, byAck);
      long[] c = new long[writes.length];
      for (int i = 0; i < writes.length; i++) {
        c[i] = history.completeNanos(writes[i]);
      }
      acked[id] = writes;
      completes[id] = c;
    }
    int[] observed = index.observedWrites();
    long reads = 0;
    long stale = 0;
    // Counted only, never iterated.
    it.unimi.dsi.fastutil.longs.LongOpenHashSet staleKeys =
        new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
    TreeMap<Long, Long> byVersions = new TreeMap<>();
    long upToDate = 0;
    Histogram timeBehind = new Histogram(3);
    long[] eligible = new long[delaysNanos.length];
    long[] visible = new long[delaysNanos.length];
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (observed[op] == SessionHistoryIndex.UNPLACED) {
        continue; // no OK read, or one no write of its key can be matched to
      }
      long key = history.key(op);
      long seen = history.result(op);
      reads++;
      int id = keyIds.get(key);
      int[] writes = id < 0 ? null : acked[id];
      long[] c = id < 0 ? null : completes[id];
      long begin = history.invokeNanos(op);
      int before = c == null ? 0 : countBelow(c, begin, false);
      long seenComplete = index.completeNanosOfVersion(observed[op]);
      long behind = 0;
      int firstNewer = -1;
      int newest = -1;
      // Only writes acknowledged after the seen version's write can be certainly newer than it:
      // one acknowledged earlier was invoked before that write completed.
      int from =
          c == null || seenComplete == Long.MIN_VALUE ? 0 : countBelow(c, seenComplete, true);
      for (int i = from; i < before; i++) {
        int w = writes[i];
        if (history.value(w) != seen && seenComplete < history.invokeNanos(w)) {
          behind++;
          if (firstNewer < 0) {
            firstNewer = w; // ordered by acknowledgement: the first is the earliest
          }
          newest = w;
        }
      }
      if (behind == 0) {
        upToDate++; // counted apart: most reads, and boxing each into the map was a large cost
      } else {
        byVersions.merge(behind, 1L, Long::sum);
      }
      long timeBehindNanos = firstNewer < 0 ? 0 : begin - history.completeNanos(firstNewer);
      timeBehind.recordValue(timeBehindNanos);
      if (behind > 0) {
        stale++;
        staleKeys.add(history.key(op));
        if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
          witnesses.add(
              index.describe(op)
                  + " was "
                  + behind
                  + (behind == 1 ? " version" : " versions")
                  + " and "
                  + dev.tradeoff.core.TimeText.of(timeBehindNanos)
                  + " behind: it began after "
                  + index.describe(newest)
                  + " was acknowledged, yet saw "
                  + index.describeVersion(key, seen));
          // The read, the newest write it missed, then the write it saw.
          refs.add(WitnessRef.ofOps(history, op, newest, index.writeOf(key, seen)));
        }
      }
      for (int d = 0; d < delaysNanos.length; d++) {
        // Reads that began at least t after an acknowledgement: completion <= begin - t.
        int n =
            c == null || begin - delaysNanos[d] > begin
                ? 0
                : countBelow(c, begin - delaysNanos[d], true);
        if (n > 0) {
          eligible[d]++;
          int reference = writes[n - 1];
          // certainlyOlder(seen, reference's value): values are unique, so the write of that
          // value is the reference itself
          boolean older =
              seen != history.value(reference) && seenComplete < history.invokeNanos(reference);
          if (!older) {
            visible[d]++;
          }
        }
      }
    }
    if (upToDate > 0) {
      byVersions.put(0L, upToDate);
    }
    List<StalenessReport.Visibility> visibility = new ArrayList<>();
    for (int d = 0; d < delaysNanos.length; d++) {
      visibility.add(new StalenessReport.Visibility(delaysNanos[d], eligible[d], visible[d]));
    }
    String detail =
        reads + " reads, " + stale + " stale" + (stale > 0 ? " in " + keys(staleKeys) : "");
    CheckResult result =
        (stale == 0
                ? CheckResult.valid(name(), detail)
                : CheckResult.invalid(name(), stale, witnesses, refs, detail))
            .withVisibility(visibility);
    return new StalenessReport(result, reads, stale, byVersions, timeBehind, visibility);
  }

  /** "1 key" or "N keys": the separate figure beside a count of violating operations. */
  static String keys(it.unimi.dsi.fastutil.longs.LongOpenHashSet keys) {
    return keys.size() + (keys.size() == 1 ? " key" : " keys");
  }

  /** Number of sorted values below {@code bound} ({@code inclusive}: at most {@code bound}). */
  private static int countBelow(long[] sorted, long bound, boolean inclusive) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      long v = sorted[mid];
      if (v < bound || (inclusive && v == bound)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
