package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DuplicateEffectsTest {
  /** Appends 1 (ok), 2 (info: retried after a timeout) and 3 (ok) to key 0. */
  private static History appends() {
    History h = new History();
    int a = h.invoke(0, OpKind.APPEND, 0, 1, 0);
    h.complete(a, OpStatus.OK, History.NIL, 10);
    int b = h.invoke(1, OpKind.APPEND, 0, 2, 5);
    h.complete(b, OpStatus.INFO, History.NIL, 50);
    int c = h.invoke(0, OpKind.APPEND, 0, 3, 20);
    h.complete(c, OpStatus.OK, History.NIL, 30);
    return h;
  }

  @Test
  void eachAppendOnceIsValid() {
    CheckResult r = DuplicateEffects.ofFinalLists(Map.of(0L, List.of(1L, 2L, 3L))).check(appends());
    assertEquals(Verdict.VALID, r.verdict());
    assertEquals("3 appends checked against the final lists", r.detail());
  }

  @Test
  void retriedAppendAppliedTwiceFires() {
    CheckResult r =
        DuplicateEffects.ofFinalLists(Map.of(0L, List.of(1L, 2L, 3L, 2L))).check(appends());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.violations());
    assertEquals(
        List.of(
            "op 1 (process 1 appended 2 to key 0 info, 0.000005 ms..0.00005 ms) took effect 2 times: the final"
                + " list of key 0 holds 2 at positions [1, 3]"),
        r.witnesses());
  }

  @Test
  void otherKeysAndUnknownValuesAreNotThisCheckersConcern() {
    Map<Long, List<Long>> lists = new TreeMap<>();
    lists.put(0L, List.of(1L, 2L, 3L, 99L, 99L));
    lists.put(1L, List.of(1L, 1L)); // nobody appended to key 1
    assertEquals(Verdict.VALID, DuplicateEffects.ofFinalLists(lists).check(appends()).verdict());
  }

  @Test
  void exactCountWithAtMostFiveWitnesses() {
    History h = new History();
    for (long v = 1; v <= 7; v++) {
      int op = h.invoke(0, OpKind.APPEND, 0, v, v * 10);
      h.complete(op, OpStatus.OK, History.NIL, v * 10 + 5);
    }
    List<Long> twice = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    CheckResult r = DuplicateEffects.ofFinalLists(Map.of(0L, twice)).check(h);
    assertEquals(7, r.violations());
    assertEquals(5, r.witnesses().size());
  }

  @Test
  void appliedOnceIsValid() {
    CheckResult r =
        DuplicateEffects.ofAppliedCounts(Map.of(1L, 1L, 2L, 0L, 3L, 1L)).check(appends());
    assertEquals(Verdict.VALID, r.verdict());
  }

  @Test
  void counterIncrementAppliedThreeTimesFires() {
    Map<Long, Long> counts = new TreeMap<>();
    counts.put(1L, 1L);
    counts.put(2L, 3L);
    counts.put(8L, 2L);
    CheckResult r = DuplicateEffects.ofAppliedCounts(counts).check(appends());
    assertEquals(2, r.violations());
    assertEquals(
        List.of(
            "op 1 (process 1 appended 2 to key 0 info, 0.000005 ms..0.00005 ms) was applied 3 times",
            "value 8 (no operation in the history) was applied 2 times"),
        r.witnesses());
  }
}
