package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Staleness against its definition computed the slow way, on histories of a store whose reads lag
 * by a random amount (so many reads are stale by several versions).
 */
class StalenessOracleTest {
  private static final long NIL = History.NIL;

  /** Writes to 3 keys at random instants; reads return the value as of a random lag earlier. */
  private static History laggingStore(long seed) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("lagging");
    History h = new History();
    List<long[]> applied = new ArrayList<>(); // {key, effectTime, value}
    long t = 0;
    int ops = 150 + rng.nextInt(150);
    List<long[]> open = new ArrayList<>(); // {op, completeTime, isRead, key, lagTime}
    for (int i = 0; i < ops; i++) {
      t += 1 + rng.nextInt(20);
      flush(h, open, applied, t);
      long key = rng.nextInt(3);
      int process = rng.nextInt(6);
      long duration = 1 + rng.nextInt(40);
      if (rng.nextInt(100) < 45) {
        long value = h.nextUniqueValue();
        int op = h.invoke(process, OpKind.WRITE, key, value, t);
        long effect = t + rng.nextLong(duration + 1);
        applied.add(new long[] {key, effect, value});
        open.add(new long[] {op, t + duration, 0, key, 0});
      } else {
        int op = h.invoke(process, OpKind.READ, key, NIL, t);
        long seenAt = t + rng.nextLong(duration + 1) - rng.nextInt(300);
        open.add(new long[] {op, t + duration, 1, key, seenAt});
      }
    }
    flush(h, open, applied, Long.MAX_VALUE);
    return h;
  }

  private static void flush(History h, List<long[]> open, List<long[]> applied, long until) {
    open.sort((a, b) -> Long.compare(a[1], b[1]));
    while (!open.isEmpty() && open.get(0)[1] <= until) {
      long[] o = open.remove(0);
      long result = NIL;
      if (o[2] == 1) {
        long best = Long.MIN_VALUE;
        for (long[] a : applied) {
          if (a[0] == o[3] && a[1] <= o[4] && a[1] >= best) {
            best = a[1];
            result = a[2];
          }
        }
      }
      h.complete((int) o[0], OpStatus.OK, result, o[1]);
    }
  }

  /** Versions behind per read, straight from the definition: a scan of every write. */
  private static TreeMap<Long, Long> byVersionsTheSlowWay(History h) {
    TreeMap<Long, Long> counts = new TreeMap<>();
    for (int r = 0; r < h.size(); r++) {
      if (h.kind(r) != OpKind.READ) {
        continue;
      }
      long seen = h.result(r);
      long seenComplete = Long.MIN_VALUE;
      for (int w = 0; w < h.size(); w++) {
        if (h.kind(w) == OpKind.WRITE && h.value(w) == seen) {
          seenComplete = h.completeNanos(w);
        }
      }
      long behind = 0;
      for (int w = 0; w < h.size(); w++) {
        boolean acked = h.kind(w) == OpKind.WRITE && h.completeNanos(w) < h.invokeNanos(r);
        if (acked && h.key(w) == h.key(r) && seenComplete < h.invokeNanos(w)) {
          behind++;
        }
      }
      counts.merge(behind, 1L, Long::sum);
    }
    return counts;
  }

  @Test
  void versionsBehindMatchTheDefinitionOnLaggingStores() {
    long staleSeen = 0;
    for (long seed = 1; seed <= 200; seed++) {
      History h = laggingStore(seed);
      StalenessReport r = new Staleness(List.of(0L)).report(h);
      TreeMap<Long, Long> expected = byVersionsTheSlowWay(h);
      assertEquals(expected, r.readsByVersionsBehind(), "seed " + seed);
      long stale =
          expected.entrySet().stream()
              .filter(e -> e.getKey() > 0)
              .mapToLong(e -> e.getValue())
              .sum();
      assertEquals(stale, r.staleReads(), "seed " + seed);
      staleSeen += stale;
    }
    assertTrue(staleSeen > 1_000, "the lagging store produced only " + staleSeen + " stale reads");
  }
}
