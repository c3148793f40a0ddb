package dev.tradeoff.patterns.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.LostWrites;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

/** A through cache loses a write it acknowledged that the database never acknowledged to it. */
class ThroughRecordTest {
  private static History twoWrites() {
    History h = new History();
    for (int i = 0; i < 2; i++) {
      int op = h.invoke(i, OpKind.WRITE, 7, i + 1, 10L * i);
      h.complete(op, OpStatus.OK, History.NIL, 10L * i + 5);
    }
    return h;
  }

  @Test
  void aWriteTheDatabaseNeverAcknowledgedIsLost() {
    Ledger ledger = new Ledger();
    ledger.dbWriteAcked(7, 1); // the second write was answered without the database
    CheckResult r = LostWrites.against(ledger.throughRecord()).check(twoWrites());
    assertEquals(1, r.violations(), r.toString());
    assertTrue(r.witnesses().get(0).contains("wrote 2"), r.toString());
  }

  @Test
  void writesTheDatabaseAcknowledgedAreKept() {
    Ledger ledger = new Ledger();
    ledger.dbWriteAcked(7, 1);
    ledger.dbWriteAcked(7, 2);
    assertEquals(
        Verdict.VALID, LostWrites.against(ledger.throughRecord()).check(twoWrites()).verdict());
  }
}
