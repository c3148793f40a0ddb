package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A checker judging a nested store's own history keeps its name and ignores the one handed. */
class CheckerJudgingTest {
  private static History twoAcknowledgedWrites() {
    History h = new History();
    int a = h.invoke(0, OpKind.WRITE, 0, 1, 0);
    h.complete(a, OpStatus.OK, History.NIL, 10);
    int b = h.invoke(1, OpKind.WRITE, 0, 2, 20);
    h.complete(b, OpStatus.OK, History.NIL, 30);
    return h;
  }

  @Test
  void itJudgesTheHistoryItWasGivenNotTheOneItIsHanded() {
    Checker lost = LostWrites.ofFinalState(Map.of(0L, History.NIL));
    Checker nested = lost.judging(twoAcknowledgedWrites());
    assertEquals(lost.name(), nested.name());
    assertEquals(Verdict.INVALID, nested.check(new History()).verdict());
    assertEquals(2, nested.check(new History()).violations());
    assertEquals(
        Verdict.VALID, lost.judging(new History()).check(twoAcknowledgedWrites()).verdict());
  }
}
