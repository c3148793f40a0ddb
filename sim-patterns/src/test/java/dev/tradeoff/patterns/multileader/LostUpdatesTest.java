package dev.tradeoff.patterns.multileader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact definition of a lost update, on hand-made ledgers of two leaders. */
class LostUpdatesTest {
  private final History history = new History();
  private final Ledger ledger = new Ledger(List.of("l0", "l1"));

  /** Records a write of {@code value} to key 1, OK, over true time [from, to]. */
  private void write(long value, long from, long to, Write accepted) {
    int op = history.invoke(0, OpKind.WRITE, 1, value, from);
    history.complete(op, OpStatus.OK, History.NIL, to);
    ledger.accepted(accepted);
  }

  private CheckResult check(ConflictPolicy policy) {
    return LostUpdates.all(ledger, policy, () -> endState(policy)).check(history);
  }

  private CheckResult inversions(ConflictPolicy policy) {
    return LostUpdates.inversions(ledger, policy, () -> endState(policy)).check(history);
  }

  /** What correct leaders that applied every accepted write hold of key 1 under {@code policy}. */
  private List<Write> endState(ConflictPolicy policy) {
    List<Write> held = new ArrayList<>();
    for (Write w : ledger.accepted()) {
      boolean replaced = false;
      for (Write v : ledger.accepted()) {
        if (v != w
            && (policy == ConflictPolicy.VERSION_VECTORS ? v.covers(w) : policy.beats(v, w))) {
          replaced = true;
        }
      }
      if (!replaced) {
        held.add(w);
      }
    }
    return held;
  }

  @Test
  void aWriteBeatenByAnEarlierWriteFromAFastClockIsLostUnderLwwOnly() {
    // l0's clock is 1000 ahead: its write, acknowledged at 20, outranks l1's, begun at 30.
    write(1, 10, 20, new Write(1, 1, 0, 1, 1010, new long[] {1, 0}));
    write(2, 30, 40, new Write(1, 2, 1, 1, 35, new long[] {0, 1}));
    CheckResult lww = check(ConflictPolicy.LWW);
    assertEquals(Verdict.INVALID, lww.verdict());
    assertEquals(1, lww.violations());
    assertTrue(lww.detail().contains("; 1 of the lost writes"), lww.detail());
    assertTrue(lww.witnesses().get(0).startsWith("write 2 of key 1"), lww.witnesses().get(0));
    assertEquals(1, inversions(ConflictPolicy.LWW).violations());
    assertEquals(Verdict.VALID, check(ConflictPolicy.VERSION_VECTORS).verdict());
    // The merge keeps the later-invoked (larger) value: the earlier write is lost, not inverted.
    CheckResult merge = check(ConflictPolicy.MERGE);
    assertTrue(merge.witnesses().get(0).startsWith("write 1 of key 1"), merge.toString());
    assertTrue(merge.detail().contains("; 0 of the lost writes"), merge.detail());
  }

  @Test
  void aWriteOverwrittenByOneThatSawItIsSupersededNotLost() {
    write(1, 10, 20, new Write(1, 1, 0, 1, 15, new long[] {1, 0}));
    write(2, 30, 40, new Write(1, 2, 1, 1, 35, new long[] {1, 1}));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      assertEquals(Verdict.VALID, check(policy).verdict(), policy.word());
    }
  }

  @Test
  void concurrentWritesLoseOneUnderLwwAndMergeButNoneUnderVersionVectors() {
    write(1, 10, 20, new Write(1, 1, 0, 1, 15, new long[] {1, 0}));
    write(2, 12, 22, new Write(1, 2, 1, 1, 14, new long[] {0, 1}));
    CheckResult lww = check(ConflictPolicy.LWW);
    assertEquals(1, lww.violations());
    assertTrue(lww.witnesses().get(0).startsWith("write 2"), "the smaller stamp loses");
    assertTrue(lww.detail().contains("; 0 of the lost writes"), "overlapping: no inversion");
    assertEquals(Verdict.VALID, inversions(ConflictPolicy.LWW).verdict());
    CheckResult merge = check(ConflictPolicy.MERGE);
    assertEquals(1, merge.violations());
    assertTrue(merge.witnesses().get(0).startsWith("write 1"), "the smaller value loses");
    assertEquals(Verdict.VALID, check(ConflictPolicy.VERSION_VECTORS).verdict());
  }

  @Test
  void unacknowledgedWritesAreNotCheckedButStillWin() {
    int op = history.invoke(0, OpKind.WRITE, 1, 1, 10); // never completes: info
    ledger.accepted(new Write(1, 1, 0, 1, 1010, new long[] {1, 0}));
    write(2, 30, 40, new Write(1, 2, 1, 1, 35, new long[] {0, 1}));
    CheckResult lww = check(ConflictPolicy.LWW);
    assertEquals(1, lww.violations(), "write 2 lost to the unacknowledged write " + op);
    assertTrue(lww.detail().startsWith("1 acknowledged writes checked"), lww.detail());
  }

  @Test
  void underVersionVectorsTheEndStateDecides() {
    Write w1 = new Write(1, 1, 0, 1, 15, new long[] {1, 0});
    Write w2 = new Write(1, 2, 1, 1, 14, new long[] {0, 1});
    write(1, 10, 20, w1);
    write(2, 12, 22, w2);
    ConflictPolicy vv = ConflictPolicy.VERSION_VECTORS;
    assertEquals(Verdict.VALID, check(vv).verdict(), "both siblings held");
    // A leader that dropped a sibling (a bug in apply, or state a crash lost): w2 is gone.
    CheckResult dropped = LostUpdates.all(ledger, vv, () -> List.of(w1)).check(history);
    assertEquals(Verdict.INVALID, dropped.verdict());
    assertEquals(1, dropped.violations());
    assertTrue(
        dropped.witnesses().get(0).startsWith("write 2 of key 1")
            && dropped.witnesses().get(0).contains("no live leader holds it")
            && dropped.witnesses().get(0).contains("(held: [1])"),
        dropped.toString());
    assertTrue(
        dropped
            .detail()
            .endsWith("; 1 neither held nor seen by a held write" + " at a live leader at the end"),
        dropped.detail());
    // Nothing live at the end (every leader down): both are gone; no inversion without a winner.
    CheckResult none = LostUpdates.all(ledger, vv, List::of).check(history);
    assertEquals(2, none.violations());
    assertTrue(none.witnesses().get(0).contains("no live leader holds the key"), none.toString());
    assertEquals(
        Verdict.VALID, LostUpdates.inversions(ledger, vv, List::of).check(history).verdict());
    // A write that saw w1 and w2 covers both: superseded, not lost.
    Write w3 = new Write(1, 3, 0, 2, 50, new long[] {2, 1});
    write(3, 45, 55, w3);
    assertEquals(
        Verdict.VALID, LostUpdates.all(ledger, vv, () -> List.of(w3)).check(history).verdict());
  }

  @Test
  void underLwwAWriteTheEndStateLostIsCaughtEvenWithoutAWinner() {
    Write w1 = new Write(1, 1, 0, 1, 15, new long[] {1, 0});
    Write w2 = new Write(1, 2, 0, 2, 25, new long[] {2, 0});
    write(1, 10, 20, w1);
    write(2, 22, 30, w2);
    assertEquals(Verdict.VALID, check(ConflictPolicy.LWW).verdict());
    // The policy keeps w2 (it saw w1), but the leaders hold w1: w2 vanished.
    CheckResult r = LostUpdates.all(ledger, ConflictPolicy.LWW, () -> List.of(w1)).check(history);
    assertEquals(1, r.violations());
    assertTrue(r.witnesses().get(0).startsWith("write 2 of key 1"), r.toString());
  }

  @Test
  void aWinnerThatFailedIsNotAcknowledgedSoItInvertsNothing() {
    // l0's fast clock outranks l1's later write, but l0 answered its client FAIL.
    int op = history.invoke(0, OpKind.WRITE, 1, 1, 10);
    history.complete(op, OpStatus.FAIL, History.NIL, 20);
    ledger.accepted(new Write(1, 1, 0, 1, 1010, new long[] {1, 0}));
    write(2, 30, 40, new Write(1, 2, 1, 1, 35, new long[] {0, 1}));
    CheckResult lww = check(ConflictPolicy.LWW);
    assertEquals(1, lww.violations(), "still lost: the failed write took effect");
    assertTrue(lww.detail().contains("; 0 of the lost writes"), lww.detail());
    assertEquals(Verdict.VALID, inversions(ConflictPolicy.LWW).verdict());
  }
}
