package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.SessionGuarantees.Guarantee;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

/**
 * Session guarantees on histories whose written values are not unique per history: repeated on a
 * key (undecidable, so unknown) or shared by two keys (two distinct versions).
 */
class SessionRepeatedValuesTest {
  private static final long MS = 1_000_000L;

  private static int op(History h, int p, OpKind k, long key, long v, long res, long in, long out) {
    int i = h.invoke(p, k, key, v, in * MS);
    h.complete(i, OpStatus.OK, res, out * MS);
    return i;
  }

  private static int write(History h, int p, long key, long v, long in, long out) {
    return op(h, p, OpKind.WRITE, key, v, History.NIL, in, out);
  }

  /** A read answered by the one store these histories have. */
  private static int read(History h, int p, long key, long seen, long in, long out) {
    int i = op(h, p, OpKind.READ, key, History.NIL, seen, in, out);
    h.served(i, "db");
    return i;
  }

  /**
   * Linearizable: 2, 1, 2 written in turn on key 3 and read back each time. Matching each read to
   * the last write of its value would accuse process 0 of missing its own write of 1.
   */
  private static History repeated() {
    History h = new History();
    write(h, 0, 3, 2, 0, 1);
    read(h, 1, 3, 2, 2, 3);
    write(h, 0, 3, 1, 4, 5);
    read(h, 0, 3, 1, 6, 7);
    write(h, 1, 3, 2, 8, 9);
    read(h, 0, 3, 2, 10, 11);
    write(h, 2, 3, 2, 12, 13);
    write(h, 2, 5, 7, 14, 15);
    write(h, 2, 5, 7, 16, 17);
    return h;
  }

  @Test
  void repeatedValuesMakeEveryGuaranteeUnknownWithTheReason() {
    History h = repeated();
    assertEquals(Verdict.VALID, Linearizability.check(h, Linearizability.Model.REGISTER).verdict());
    for (Guarantee g : Guarantee.values()) {
      CheckResult r = new SessionGuarantees(g).check(h);
      assertEquals(Verdict.UNKNOWN, r.verdict(), g + ": " + r);
      assertEquals(
          "written values repeat on key 3 (value 2 written 3 times): which write a read saw"
              + " cannot be told",
          r.detail(),
          g.toString());
    }
    // Staleness compares the same versions: it must not guess either.
    CheckResult stale = new Staleness(java.util.List.of(0L)).check(h);
    assertEquals(Verdict.UNKNOWN, stale.verdict(), stale.toString());
  }

  @Test
  void aFailedWriteOfTheSameValueIsNoRepeat() {
    History h = new History();
    write(h, 0, 3, 2, 0, 1);
    int failed = h.invoke(1, OpKind.WRITE, 3, 2, 2 * MS);
    h.complete(failed, OpStatus.FAIL, History.NIL, 3 * MS);
    read(h, 1, 3, 2, 4, 5);
    for (Guarantee g : Guarantee.values()) {
      assertEquals(Verdict.VALID, new SessionGuarantees(g).check(h).verdict(), g.toString());
    }
  }

  @Test
  void oneValueOnTwoKeysIsTwoVersionsAndStillJudged() {
    // Key 1 and key 2 both get value 5. Process 1 then reads key 2's nil after writing it there:
    // a real read-your-writes violation, which must be found without mixing up the two writes.
    History h = new History();
    write(h, 0, 1, 5, 0, 1);
    write(h, 1, 2, 5, 2, 3);
    read(h, 1, 2, History.NIL, 4, 5);
    read(h, 0, 1, 5, 6, 7);
    CheckResult ryw = new SessionGuarantees(Guarantee.READ_YOUR_WRITES).check(h);
    assertEquals(Verdict.INVALID, ryw.verdict(), ryw.toString());
    assertEquals(
        "op 2 (process 1 read key 2 -> nil, 4 ms..5 ms) does not see the same process's earlier"
            + " op 1 (process 1 wrote 5 to key 2, 2 ms..3 ms): it saw the initial nil of key 2",
        ryw.witnesses().get(0));
    for (Guarantee g : Guarantee.values()) {
      if (g != Guarantee.READ_YOUR_WRITES) {
        assertEquals(Verdict.VALID, new SessionGuarantees(g).check(h).verdict(), g.toString());
      }
    }
  }

  @Test
  void oneValueOnTwoKeysWithReadsOfBothStaysQuiet() {
    // Every guarantee used to end in "no operation -1" here: key 2's write of 5 was looked up
    // and key 1's was found.
    History h = new History();
    write(h, 0, 2, 5, 0, 1);
    write(h, 0, 1, 5, 2, 3);
    read(h, 0, 2, 5, 4, 5);
    read(h, 0, 1, 5, 6, 7);
    write(h, 1, 2, 6, 8, 9);
    read(h, 1, 2, 6, 10, 11);
    for (Guarantee g : Guarantee.values()) {
      CheckResult r = new SessionGuarantees(g).check(h);
      assertEquals(Verdict.VALID, r.verdict(), g + ": " + r);
    }
  }

  @Test
  void witnessesNameClientsAndGiveTimesInMsOrS() {
    History h = new History();
    h.nameProcess(10, "client-3");
    int w = h.invoke(10, OpKind.WRITE, 0, 2, 1_500_000_000L);
    h.complete(w, OpStatus.OK, History.NIL, 1_750_000_000L);
    int r = h.invoke(10, OpKind.READ, 0, History.NIL, 2_000_000_000L);
    h.complete(r, OpStatus.OK, History.NIL, 2_000_250_000L);
    CheckResult ryw = new SessionGuarantees(Guarantee.READ_YOUR_WRITES).check(h);
    String witness = ryw.witnesses().get(0);
    assertEquals(
        "op 1 (client-3 read key 0 -> nil, 2 s..2.00025 s) does not see the same process's earlier"
            + " op 0 (client-3 wrote 2 to key 0, 1.5 s..1.75 s): it saw the initial nil of key 0",
        witness);
    assertTrue(!witness.contains("process 10") && !witness.contains("ns"), witness);
    assertEquals("250 ms", SessionHistoryIndex.time(250_000_000L));
    assertEquals("0.000004 ms", SessionHistoryIndex.time(4));
    assertEquals("pending", SessionHistoryIndex.time(Long.MAX_VALUE));
    assertEquals("process 4", h.processName(4));
  }
}
