package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  /**
   * 100 reads a second for 60 s; those invoked in [downFrom, downUntil) time out (or, when {@code
   * late}, answer OK after 2 s, past a 1 s deadline); the rest answer OK in 5 ms.
   */
  private static History run(long downFromNanos, long downUntilNanos, boolean late) {
    History h = new History();
    for (long t = 0; t < 60 * S; t += 10 * MS) {
      int op = h.invoke(0, OpKind.READ, 1, History.NIL, t);
      boolean down = t >= downFromNanos && t < downUntilNanos;
      if (!down) {
        h.complete(op, OpStatus.OK, History.NIL, t + 5 * MS);
      } else if (late) {
        h.complete(op, OpStatus.OK, History.NIL, t + 2 * S);
      } else {
        h.complete(op, OpStatus.INFO, History.NIL, t + S);
      }
    }
    return h;
  }

  private static Recovery checker(long withinNanos) {
    Recovery r = new Recovery(S, withinNanos, 0, S);
    r.lastFaultEndedAt(20 * S);
    return r;
  }

  @Test
  void quietWhenGoodputReturnsAsTheTriggerEnds() {
    CheckResult r = checker(5 * S).check(run(10 * S, 20 * S, false));
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertTrue(
        r.detail().startsWith("recovered 0.0s after the trigger ended at 20.0s"), r.detail());
  }

  @Test
  void quietWhenItRecoversWithinTheStatedTime() {
    CheckResult r = checker(5 * S).check(run(10 * S, 24 * S, false));
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertTrue(r.detail().startsWith("recovered 4.0s after"), r.detail());
  }

  @Test
  void firesWithTheTimeDownWhenItRecoversLate() {
    CheckResult r = checker(5 * S).check(run(10 * S, 32 * S, false));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(12, r.violations());
    assertTrue(
        r.witnesses()
            .get(0)
            .startsWith(
                "metastable: goodput stayed below 90% of the"
                    + " offered load for 12.0s after the trigger ended at 20.0s (0 of 1200"),
        r.witnesses().get(0));
  }

  @Test
  void firesWhenItNeverRecovers() {
    CheckResult r = checker(5 * S).check(run(10 * S, 61 * S, false));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(39, r.violations()); // 39 whole cohorts between 20 s and the last invocation
    assertTrue(r.witnesses().get(0).endsWith("never recovered before the load ended"));
  }

  @Test
  void lateAnswersAreNotGoodput() {
    CheckResult r = checker(5 * S).check(run(10 * S, 40 * S, true));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(20, r.violations());
  }

  @Test
  void aStatedTriggerLaterThanTheFaultsWins() {
    Recovery r = new Recovery(S, 5 * S, 30 * S, S);
    r.lastFaultEndedAt(20 * S);
    assertEquals(30 * S, r.fromNanos());
    assertEquals(Verdict.VALID, r.check(run(10 * S, 32 * S, false)).verdict());
  }

  @Test
  void unknownWhenTheLoadEndsBeforeTheStatedTime() {
    CheckResult r = checker(60 * S).check(run(10 * S, 61 * S, false));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(Verdict.UNKNOWN, checker(S).check(new History()).verdict());
  }
}
