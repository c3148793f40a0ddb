package dev.tradeoff.patterns.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

/**
 * The migration checker judges every read against the writes acknowledged before it began: it names
 * a read that returned nothing or an older value, with the system that served it, and holds nothing
 * against a read that overlapped a write or saw a write that ended unknown.
 */
class StaleReadsTest {
  private final History h = new History();
  private final Ledger ledger = new Ledger("old", "new");

  private int write(long key, long value, long from, long to, OpStatus status) {
    int op = h.invoke(0, OpKind.WRITE, key, value, from);
    if (status != null) {
      h.complete(op, status, History.NIL, to);
    }
    return op;
  }

  private int read(long key, long seen, long from, long to, int side) {
    int op = h.invoke(1, OpKind.READ, key, History.NIL, from);
    h.complete(op, OpStatus.OK, seen, to);
    ledger.served(op, side);
    return op;
  }

  private CheckResult check() {
    return new StaleReads(ledger).check(h);
  }

  @Test
  void aReadReturningNothingAfterAnAcknowledgedWriteIsMissingAndNamesTheNewLayout() {
    write(7, 100, 10, 20, OpStatus.OK);
    read(7, 100, 30, 40, Pair.FROM);
    read(7, History.NIL, 50, 60, Pair.TO);
    CheckResult r = check();
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    assertEquals(1, r.violations());
    assertTrue(r.witnesses().get(0).contains("served by new, returned nothing"), r.toString());
    assertTrue(r.detail().contains("1 missing, 0 stale"), r.detail());
  }

  @Test
  void aReadOfAValueOverwrittenBeforeItBeganIsStale() {
    write(7, 100, 10, 20, OpStatus.OK);
    write(7, 101, 30, 40, OpStatus.OK);
    read(7, 100, 50, 60, Pair.TO);
    CheckResult r = check();
    assertEquals(1, r.violations(), r.toString());
    assertTrue(r.detail().contains("0 missing, 1 stale"), r.detail());
    // The same history is not linearizable: the checker agrees with the reference.
    assertEquals(
        Verdict.INVALID,
        new Linearizability(Linearizability.Model.KV, Linearizability.DEFAULT_MAX_CONFIGURATIONS)
            .check(h)
            .verdict());
  }

  @Test
  void overlappingUnknownAndPendingWritesAreNeverHeldAgainstARead() {
    write(7, 100, 10, 20, OpStatus.OK);
    write(7, 101, 15, 45, OpStatus.OK); // overlaps the first: either order is possible
    read(7, 100, 50, 60, Pair.TO);
    write(8, 200, 10, 20, OpStatus.OK);
    write(8, 201, 30, 40, OpStatus.INFO); // may never have happened
    read(8, 200, 50, 60, Pair.TO);
    write(9, 300, 10, 0, null); // never completes
    read(9, History.NIL, 50, 60, Pair.TO);
    write(9, 301, 70, 80, OpStatus.FAIL); // definitely did not happen
    read(9, History.NIL, 90, 95, Pair.TO);
    CheckResult r = check();
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertTrue(r.detail().startsWith("4 reads judged"), r.detail());
  }

  @Test
  void aReadConcurrentWithTheWriteItMissedIsFine() {
    write(7, 100, 10, 20, OpStatus.OK);
    read(7, History.NIL, 15, 25, Pair.TO); // began before the write was acknowledged
    write(7, 101, 30, 40, OpStatus.OK);
    read(7, 100, 35, 45, Pair.FROM); // began before 101 was acknowledged
    assertEquals(Verdict.VALID, check().verdict());
  }

  @Test
  void aReadOfAWriteThatEndedUnknownIsNeverStale() {
    // 100 timed out: it may land at any time after its call, even after 101 was acknowledged,
    // which is what a dual write held on its way to the new layout does.
    write(7, 100, 10, 20, OpStatus.INFO);
    write(7, 101, 30, 40, OpStatus.OK);
    read(7, 101, 45, 50, Pair.FROM);
    read(7, 100, 55, 60, Pair.TO);
    CheckResult r = check();
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    // The linearizability checker agrees: 100 takes effect between the two reads.
    assertEquals(
        Verdict.VALID,
        new Linearizability(Linearizability.Model.KV, Linearizability.DEFAULT_MAX_CONFIGURATIONS)
            .check(h)
            .verdict());
  }
}
