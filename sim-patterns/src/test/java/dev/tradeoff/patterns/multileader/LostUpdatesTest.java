package dev.tradeoff.patterns.multileader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
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
    return LostUpdates.all(ledger, policy).check(history);
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
    assertEquals(1, LostUpdates.inversions(ledger, ConflictPolicy.LWW).check(history).violations());
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
    assertEquals(
        Verdict.VALID, LostUpdates.inversions(ledger, ConflictPolicy.LWW).check(history).verdict());
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
}
