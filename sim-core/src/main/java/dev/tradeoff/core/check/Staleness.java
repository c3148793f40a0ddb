package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    SessionHistoryIndex index = new SessionHistoryIndex(history);
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
    // Per key, acknowledged writes ordered by completion (ties by invocation, then index).
    Map<Long, List<Integer>> acked = new TreeMap<>();
    for (int op = 0; op < history.size(); op++) {
      if (SessionHistoryIndex.isWrite(history, op) && history.status(op) == OpStatus.OK) {
        acked.computeIfAbsent(history.key(op), k -> new ArrayList<>()).add(op);
      }
    }
    Comparator<Integer> byAck =
        Comparator.<Integer>comparingLong(history::completeNanos)
            .thenComparingLong(history::invokeNanos)
            .thenComparingInt(Integer::intValue);
    Map<Long, LongArrayList> completes = new TreeMap<>();
    for (Map.Entry<Long, List<Integer>> e : acked.entrySet()) {
      e.getValue().sort(byAck);
      LongArrayList c = new LongArrayList();
      for (int w : e.getValue()) {
        c.add(history.completeNanos(w));
      }
      completes.put(e.getKey(), c);
    }
    long reads = 0;
    long stale = 0;
    // Counted only, never iterated.
    it.unimi.dsi.fastutil.longs.LongOpenHashSet staleKeys =
        new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
    TreeMap<Long, Long> byVersions = new TreeMap<>();
    Histogram timeBehind = new Histogram(3);
    long[] eligible = new long[delaysNanos.length];
    long[] visible = new long[delaysNanos.length];
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      long key = history.key(op);
      long seen = history.result(op);
      if (!SessionHistoryIndex.isOkRead(history, op) || !index.placeable(key, seen)) {
        continue;
      }
      reads++;
      List<Integer> writes = acked.getOrDefault(key, List.of());
      LongArrayList c = completes.get(key);
      long begin = history.invokeNanos(op);
      int before = c == null ? 0 : countBelow(c, begin, false);
      long seenComplete = index.versionCompleteNanos(key, seen);
      long behind = 0;
      int firstNewer = -1;
      int newest = -1;
      // Only writes acknowledged after the seen version's write can be certainly newer than it:
      // one acknowledged earlier was invoked before that write completed.
      int from =
          c == null || seenComplete == Long.MIN_VALUE ? 0 : countBelow(c, seenComplete, true);
      for (int i = from; i < before; i++) {
        int w = writes.get(i);
        if (history.value(w) != seen && seenComplete < history.invokeNanos(w)) {
          behind++;
          if (firstNewer < 0) {
            firstNewer = w; // ordered by acknowledgement: the first is the earliest
          }
          newest = w;
        }
      }
      byVersions.merge(behind, 1L, Long::sum);
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
          int reference = writes.get(n - 1);
          if (!index.certainlyOlder(key, seen, history.value(reference))) {
            visible[d]++;
          }
        }
      }
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
  private static int countBelow(LongArrayList sorted, long bound, boolean inclusive) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      long v = sorted.getLong(mid);
      if (v < bound || (inclusive && v == bound)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
