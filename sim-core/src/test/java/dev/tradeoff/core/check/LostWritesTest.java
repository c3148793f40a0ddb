package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LostWritesTest {
  private static History twoWrites(long secondInvokeNanos) {
    History h = new History();
    int a = h.invoke(0, OpKind.WRITE, 0, 1, 0);
    h.complete(a, OpStatus.OK, History.NIL, 10);
    int b = h.invoke(1, OpKind.WRITE, 0, 2, secondInvokeNanos);
    h.complete(b, OpStatus.OK, History.NIL, 30);
    return h;
  }

  @Test
  void overwrittenValueComingBackMeansTheWriteWasLost() {
    CheckResult r = LostWrites.ofFinalState(Map.of(0L, 1L)).check(twoWrites(20));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(
        "op 1 (process 1 wrote 2 to key 0, 0.00002 ms..0.00003 ms) was acknowledged but lost: the final state"
            + " of key 0 is 1, written by op 0 (process 0 wrote 1 to key 0, 0 ms..0.00001 ms), which"
            + " completed before the lost write began",
        r.witnesses().get(0));
  }

  @Test
  void concurrentWritesMayEndEitherWay() {
    assertEquals(
        Verdict.VALID, LostWrites.ofFinalState(Map.of(0L, 1L)).check(twoWrites(5)).verdict());
    assertEquals(
        Verdict.VALID, LostWrites.ofFinalState(Map.of(0L, 2L)).check(twoWrites(20)).verdict());
  }

  @Test
  void nilFinalStateLosesEveryAcknowledgedWrite() {
    CheckResult r = LostWrites.ofFinalState(Map.of(0L, History.NIL)).check(twoWrites(20));
    assertEquals(2, r.violations());
  }

  @Test
  void finalReadsAfterACutoffServeAsTheFinalState() {
    History h = twoWrites(20);
    int r = h.invoke(2, OpKind.READ, 0, History.NIL, 100);
    h.complete(r, OpStatus.OK, 1, 110);
    CheckResult result = LostWrites.ofFinalReadsAfter(100).check(h);
    assertEquals(1, result.violations());
    assertEquals(Verdict.VALID, LostWrites.ofFinalReadsAfter(200).check(h).verdict());
  }

  @Test
  void randomLinearizableHistoriesLoseNothingAndRollbacksFire() {
    for (long seed = 1; seed <= 300; seed++) {
      List<SessionTestHistories.Spec> specs = SessionTestHistories.generate(seed);
      History h = SessionTestHistories.build(specs);
      Map<Long, Long> state = SessionTestHistories.finalState(specs);
      CheckResult ok = LostWrites.ofFinalState(state).check(h);
      assertEquals(Verdict.VALID, ok.verdict(), "seed " + seed + ": " + ok);
      for (Map.Entry<Long, Long> e : state.entrySet()) {
        if (e.getValue() != History.NIL) {
          Map<Long, Long> rolledBack = new TreeMap<>(state);
          rolledBack.put(
              e.getKey(), SessionTestHistories.olderThan(specs, e.getKey(), e.getValue()));
          CheckResult bad = LostWrites.ofFinalState(rolledBack).check(h);
          assertEquals(Verdict.INVALID, bad.verdict(), "seed " + seed);
          break;
        }
      }
    }
  }
}
