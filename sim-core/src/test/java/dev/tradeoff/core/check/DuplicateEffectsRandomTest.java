package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Appends over a network that duplicates requests and loses acknowledgements, so clients retry: a
 * server that applies every delivery duplicates effects, one that remembers request values does
 * not. The checker's count must equal the number of values the server really applied twice.
 */
class DuplicateEffectsRandomTest {
  private record Run(History history, Map<Long, List<Long>> finalLists, long doubled) {}

  private static Run run(long seed, boolean dedup) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("retries");
    History h = new History();
    Map<Long, List<Long>> lists = new TreeMap<>();
    TreeSet<Long> seen = new TreeSet<>();
    Map<Long, Integer> applied = new TreeMap<>();
    long t = 0;
    for (int i = 0; i < 60; i++) {
      long key = rng.nextInt(3);
      long value = h.nextUniqueValue();
      int op = h.invoke(rng.nextInt(5), OpKind.APPEND, key, value, t);
      boolean acked = false;
      for (int attempt = 0; attempt < 3 && !acked; attempt++) {
        int deliveries = rng.nextInt(100) < 20 ? 2 : rng.nextInt(100) < 10 ? 0 : 1;
        for (int d = 0; d < deliveries; d++) {
          if (!dedup || seen.add(value)) {
            lists.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            applied.merge(value, 1, Integer::sum);
          }
        }
        acked = deliveries > 0 && rng.nextInt(100) >= 20;
      }
      t += 10;
      h.complete(op, acked ? OpStatus.OK : OpStatus.INFO, History.NIL, t);
    }
    for (long key = 0; key < 3; key++) {
      int read = h.invoke(9, OpKind.READ, key, History.NIL, t);
      long[] list = lists.getOrDefault(key, List.of()).stream().mapToLong(x -> x).toArray();
      h.completeList(read, OpStatus.OK, list, t + 1);
    }
    long doubled = applied.values().stream().filter(n -> n > 1).count();
    return new Run(h, lists, doubled);
  }

  @Test
  void countsExactlyTheDoublyAppliedAppendsAndStaysQuietWithDeduplication() {
    long total = 0;
    for (long seed = 1; seed <= 300; seed++) {
      Run careless = run(seed, false);
      for (DuplicateEffects checker :
          List.of(
              DuplicateEffects.inListReads(),
              DuplicateEffects.ofFinalLists(careless.finalLists()))) {
        CheckResult r = checker.check(careless.history());
        assertEquals(careless.doubled(), r.violations(), "seed " + seed + ": " + r);
      }
      total += careless.doubled();
      Run careful = run(seed, true);
      assertEquals(
          Verdict.VALID, DuplicateEffects.inListReads().check(careful.history()).verdict());
      assertEquals(
          Verdict.VALID,
          DuplicateEffects.ofFinalLists(careful.finalLists()).check(careful.history()).verdict(),
          "seed " + seed);
    }
    assertTrue(total > 1_000, "only " + total + " duplicated effects in 300 runs");
  }

  @Test
  void listReadWitnessNamesTheReadTheValueAndThePositions() {
    History h = new History();
    int a = h.invoke(0, OpKind.APPEND, 1, 7, 0);
    h.complete(a, OpStatus.OK, History.NIL, 1);
    int r = h.invoke(1, OpKind.READ, 1, History.NIL, 2);
    h.completeList(r, OpStatus.OK, new long[] {7, 8, 7}, 3);
    CheckResult result = DuplicateEffects.inListReads().check(h);
    assertEquals(1, result.violations(), result.toString());
    assertEquals(
        "op 1 (process 1 read key 1 -> [7, 8, 7], 0.000002 ms..0.000003 ms) returned a list holding 7 2 times,"
            + " at positions [0, 2]",
        result.witnesses().get(0));
  }
}
