package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.SessionGuarantees.Guarantee;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionGuaranteesTest {
  private static final SessionGuarantees RYW = new SessionGuarantees(Guarantee.READ_YOUR_WRITES);
  private static final SessionGuarantees MR = new SessionGuarantees(Guarantee.MONOTONIC_READS);
  private static final SessionGuarantees MW = new SessionGuarantees(Guarantee.MONOTONIC_WRITES);
  private static final SessionGuarantees WFR = new SessionGuarantees(Guarantee.WRITES_FOLLOW_READS);

  private static int op(History h, int p, OpKind k, long key, long v, long res, long in, long out) {
    int i = h.invoke(p, k, key, v, in);
    h.complete(i, OpStatus.OK, res, out);
    return i;
  }

  @Test
  void readYourWritesFiresOnOldValueAfterOwnWrite() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(h, 1, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    op(h, 1, OpKind.READ, 0, History.NIL, 1, 40, 50);
    CheckResult r = RYW.check(h);
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(
        "op 2 (process 1 read key 0 -> 1, 0.00004 ms..0.00005 ms) does not see the same process's earlier"
            + " op 1 (process 1 wrote 2 to key 0, 0.00002 ms..0.00003 ms): it saw op 0 (process 0 wrote 1 to"
            + " key 0, 0 ms..0.00001 ms), which completed before op 1 began",
        r.witnesses().get(0));
    assertEquals("read-your-writes", r.checker());
  }

  @Test
  void readYourWritesQuietOnOverlappingOrOtherSessionWrites() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 25); // overlaps process 1's write
    op(h, 1, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    op(h, 1, OpKind.READ, 0, History.NIL, 1, 40, 50);
    op(h, 2, OpKind.READ, 0, History.NIL, History.NIL, 41, 51); // not its own write
    assertEquals(Verdict.VALID, RYW.check(h).verdict());
    assertEquals(Verdict.VALID, MR.check(h).verdict());
  }

  @Test
  void readYourWritesFiresOnNil() {
    History h = new History();
    op(h, 1, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    op(h, 1, OpKind.READ, 0, History.NIL, History.NIL, 40, 50);
    CheckResult r = RYW.check(h);
    assertEquals(1, r.violations());
    assertEquals(
        "op 1 (process 1 read key 0 -> nil, 0.00004 ms..0.00005 ms) does not see the same process's earlier"
            + " op 0 (process 1 wrote 2 to key 0, 0.00002 ms..0.00003 ms): it saw the initial nil of key 0",
        r.witnesses().get(0));
  }

  @Test
  void monotonicReadsFiresWhenASessionGoesBack() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(h, 0, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    op(h, 1, OpKind.READ, 0, History.NIL, 2, 40, 50);
    op(h, 1, OpKind.READ, 0, History.NIL, 1, 60, 70);
    CheckResult r = MR.check(h);
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(
        "op 3 (process 1 read key 0 -> 1, 0.00006 ms..0.00007 ms) went back to an older version than the same"
            + " process's earlier op 2 (process 1 read key 0 -> 2, 0.00004 ms..0.00005 ms), which saw op 1"
            + " (process 0 wrote 2 to key 0, 0.00002 ms..0.00003 ms): it saw op 0 (process 0 wrote 1 to key 0,"
            + " 0 ms..0.00001 ms), which completed before op 1 began",
        r.witnesses().get(0));
  }

  @Test
  void monotonicReadsQuietAcrossSessionsAndOverlappingReads() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(h, 0, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    op(h, 1, OpKind.READ, 0, History.NIL, 2, 40, 50);
    op(h, 2, OpKind.READ, 0, History.NIL, 1, 60, 70); // another session may lag
    assertEquals(Verdict.VALID, MR.check(h).verdict());
  }

  /** A read of {@code key} answered by {@code node}. */
  private static int read(History h, int p, long key, long res, long in, long out, String node) {
    int i = op(h, p, OpKind.READ, key, History.NIL, res, in, out);
    h.served(i, node);
    return i;
  }

  @Test
  void monotonicWritesFiresWhenOneNodeShowsTheSessionsWritesOutOfOrder() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(h, 0, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    read(h, 1, 0, 2, 40, 50, "db-1");
    read(h, 2, 0, 1, 60, 70, "db-1");
    CheckResult r = MW.check(h);
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(
        "process 0 first op 0 (process 0 wrote 1 to key 0, 0 ms..0.00001 ms) and then op 1 (process 0"
            + " wrote 2 to key 0, 0.00002 ms..0.00003 ms), yet op 2 (process 1 read key 0 -> 2, 0.00004 ms..0.00005 ms) saw"
            + " the later write and op 3 (process 2 read key 0 -> 1, 0.00006 ms..0.00007 ms), which began after"
            + " it completed, saw the earlier write, both answered by db-1",
        r.witnesses().get(0));
    // Different sessions writing: no session order, so quiet.
    History q = new History();
    op(q, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(q, 3, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    read(q, 1, 0, 2, 40, 50, "db-1");
    read(q, 2, 0, 1, 60, 70, "db-1");
    assertEquals(Verdict.VALID, MW.check(q).verdict());
  }

  @Test
  void monotonicWritesQuietWhenAReplicaThatLagsAnswersTheEarlierWrite() {
    // db-2 has not yet applied op 1: stale, but every node applies the writes in session order.
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(h, 0, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    read(h, 1, 0, 2, 40, 50, "db-1");
    read(h, 2, 0, 1, 60, 70, "db-2");
    read(h, 1, 0, 2, 80, 90, "db-2");
    assertEquals(Verdict.VALID, MW.check(h).verdict(), MW.check(h).toString());
    // A read that names no node is left out, and counted.
    op(h, 2, OpKind.READ, 0, History.NIL, 1, 100, 110);
    CheckResult partly = MW.check(h);
    assertEquals(Verdict.VALID, partly.verdict(), partly.toString());
    assertEquals(
        "checked 6 operations; reads naming no answering node, not compared: 1", partly.detail());
    // The same reads without the nodes that answered them cannot be judged.
    History bare = new History();
    op(bare, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 10);
    op(bare, 0, OpKind.WRITE, 0, 2, History.NIL, 20, 30);
    op(bare, 1, OpKind.READ, 0, History.NIL, 2, 40, 50);
    op(bare, 2, OpKind.READ, 0, History.NIL, 1, 60, 70);
    for (SessionGuarantees c : List.of(MW, WFR)) {
      CheckResult r = c.check(bare);
      assertEquals(Verdict.UNKNOWN, r.verdict(), r.toString());
      assertEquals(
          "the history does not say which node answered its reads, and an older version read after"
              + " a newer one may come from a replica that lags, not from writes applied out of order",
          r.detail());
    }
  }

  @Test
  void writesFollowReadsFiresWhenAWriteIsSeenBeforeWhatItsSessionRead() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 100); // overlaps everything below
    op(h, 1, OpKind.READ, 0, History.NIL, 1, 10, 20);
    op(h, 1, OpKind.WRITE, 0, 2, History.NIL, 30, 40);
    read(h, 2, 0, 2, 50, 60, "db-0");
    read(h, 2, 0, 1, 70, 80, "db-0");
    CheckResult r = WFR.check(h);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    assertEquals(1, r.violations());
    // Without process 1's read, there is no read-write dependency: quiet.
    History q = new History();
    op(q, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 100);
    op(q, 1, OpKind.WRITE, 0, 2, History.NIL, 30, 40);
    read(q, 2, 0, 2, 50, 60, "db-0");
    read(q, 2, 0, 1, 70, 80, "db-0");
    assertEquals(Verdict.VALID, WFR.check(q).verdict());
    assertEquals(Verdict.VALID, MW.check(q).verdict());
    // Answered by two nodes, the same reads are a lagging replica's: quiet.
    History lag = new History();
    op(lag, 0, OpKind.WRITE, 0, 1, History.NIL, 0, 100);
    op(lag, 1, OpKind.READ, 0, History.NIL, 1, 10, 20);
    op(lag, 1, OpKind.WRITE, 0, 2, History.NIL, 30, 40);
    read(lag, 2, 0, 2, 50, 60, "db-0");
    read(lag, 2, 0, 1, 70, 80, "db-1");
    assertEquals(Verdict.VALID, WFR.check(lag).verdict());
  }

  @Test
  void randomLinearizableHistoriesAreQuietAndMutationsFire() {
    for (long seed = 1; seed <= 300; seed++) {
      List<SessionTestHistories.Spec> specs = SessionTestHistories.generate(seed);
      History h = SessionTestHistories.build(specs);
      for (Checker c : SessionGuarantees.all()) {
        CheckResult r = c.check(h);
        assertEquals(Verdict.VALID, r.verdict(), "seed " + seed + ": " + r);
      }
      // Monotonic reads: a later read of the same session and key made to return an older version.
      mutateSecondRead(specs, seed);
    }
  }

  private static void mutateSecondRead(List<SessionTestHistories.Spec> specs, long seed) {
    for (int i = 0; i < specs.size(); i++) {
      SessionTestHistories.Spec r1 = specs.get(i);
      if (r1.kind != OpKind.READ || r1.result == History.NIL) {
        continue;
      }
      for (int j = i + 1; j < specs.size(); j++) {
        SessionTestHistories.Spec r2 = specs.get(j);
        if (r2.kind == OpKind.READ && r2.process == r1.process && r2.key == r1.key) {
          long saved = r2.result;
          r2.result = SessionTestHistories.olderThan(specs, r1.key, r1.result);
          CheckResult r = MR.check(SessionTestHistories.build(specs));
          r2.result = saved;
          assertEquals(Verdict.INVALID, r.verdict(), "seed " + seed + ": " + r);
          return;
        }
      }
    }
  }

  @Test
  void randomReadYourWritesMutationFires() {
    int fired = 0;
    for (long seed = 1; seed <= 300; seed++) {
      List<SessionTestHistories.Spec> specs = SessionTestHistories.generate(seed);
      outer:
      for (int i = 0; i < specs.size(); i++) {
        SessionTestHistories.Spec w = specs.get(i);
        if (w.kind != OpKind.WRITE) {
          continue;
        }
        for (int j = i + 1; j < specs.size(); j++) {
          SessionTestHistories.Spec r = specs.get(j);
          if (r.kind == OpKind.READ && r.process == w.process && r.key == w.key) {
            r.result = SessionTestHistories.olderThan(specs, w.key, w.value);
            CheckResult result = RYW.check(SessionTestHistories.build(specs));
            assertEquals(Verdict.INVALID, result.verdict(), "seed " + seed + ": " + result);
            fired++;
            break outer;
          }
        }
      }
    }
    assertEquals(true, fired > 100, "too few mutations tried: " + fired);
  }
}
