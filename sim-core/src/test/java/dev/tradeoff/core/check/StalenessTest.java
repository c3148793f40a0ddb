package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StalenessTest {
  private static final Staleness STALENESS = new Staleness(List.of(0L, 100L));

  private static void op(History h, int p, OpKind k, long v, long res, long in, long out) {
    int i = h.invoke(p, k, 0, v, in);
    h.complete(i, OpStatus.OK, res, out);
  }

  @Test
  void staleReadIsMeasuredInVersionsAndTime() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 1, History.NIL, 0, 10);
    op(h, 0, OpKind.WRITE, 2, History.NIL, 20, 30);
    op(h, 0, OpKind.WRITE, 3, History.NIL, 40, 50);
    op(h, 1, OpKind.READ, History.NIL, 1, 200, 210);
    StalenessReport r = STALENESS.report(h);
    assertEquals(Verdict.INVALID, r.result().verdict());
    assertEquals("staleness", r.result().checker());
    // How an operation is described is SessionHistoryIndex's business; this checker's own words
    // are the counts, the time behind and which writes it names.
    String witness = r.result().witnesses().get(0);
    assertTrue(witness.startsWith("op 3 (process 1 read key 0 -> 1, "), witness);
    assertTrue(
        witness.contains(") was 2 versions and 0.00017 ms behind: it began after op 2 (process 0"),
        witness);
    assertTrue(witness.contains(") was acknowledged, yet saw op 0 (process 0 wrote 1"), witness);
    assertEquals(1, r.reads());
    assertEquals(1, r.staleReads());
    assertEquals(1.0, r.staleReadRate());
    assertEquals(1L, r.readsByVersionsBehind().get(2L));
    assertEquals(170, r.timeBehindNanos().getMaxValue(), 1);
    assertEquals(new StalenessReport.Visibility(0, 1, 0), r.visibility().get(0));
    assertEquals(new StalenessReport.Visibility(100, 1, 0), r.visibility().get(1));
    assertEquals(r.visibility(), r.result().visibility(), "the verdict carries t-visibility");
    assertEquals(r.result(), STALENESS.check(h));
  }

  @Test
  void witnessTimesReadInMillisecondsOrSeconds() {
    assertEquals("0.00017 ms", dev.tradeoff.core.TimeText.of(170));
    assertEquals("12.346 ms", dev.tradeoff.core.TimeText.of(12_345_678));
    assertEquals("12.001 s", dev.tradeoff.core.TimeText.of(12_000_586_865L));
    // The unit follows the rounded value: just under a second reads 1.000 s, not 1000.000 ms.
    assertEquals("1.000 s", dev.tradeoff.core.TimeText.of(999_999_700L));
    assertEquals("999.999 ms", dev.tradeoff.core.TimeText.of(999_999_499L));
  }

  @Test
  void readOverlappingTheWriteIsNotStale() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 1, History.NIL, 0, 10);
    op(h, 0, OpKind.WRITE, 2, History.NIL, 20, 100);
    op(h, 1, OpKind.READ, History.NIL, 1, 50, 60); // write of 2 not yet acknowledged
    op(h, 2, OpKind.READ, History.NIL, 2, 300, 310);
    StalenessReport r = STALENESS.report(h);
    assertEquals(Verdict.VALID, r.result().verdict());
    assertEquals(0.0, r.staleReadRate());
    assertEquals(2L, r.readsByVersionsBehind().get(0L));
    assertEquals(new StalenessReport.Visibility(100, 1, 1), r.visibility().get(1));
  }

  @Test
  void randomLinearizableHistoriesHaveNoStaleReadsAndMutationsFire() {
    for (long seed = 1; seed <= 300; seed++) {
      List<SessionTestHistories.Spec> specs = SessionTestHistories.generate(seed);
      StalenessReport ok = STALENESS.report(SessionTestHistories.build(specs));
      assertEquals(Verdict.VALID, ok.result().verdict(), "seed " + seed + ": " + ok.result());
      assertEquals(1.0, ok.visibility().get(0).share(), "seed " + seed);
      // Make one read return a version older than a write acknowledged before it began.
      for (SessionTestHistories.Spec r : specs) {
        if (r.kind != OpKind.READ) {
          continue;
        }
        SessionTestHistories.Spec acked = null;
        for (SessionTestHistories.Spec w : specs) {
          if (w.kind == OpKind.WRITE && w.key == r.key && w.completeNanos < r.invokeNanos) {
            acked = w;
          }
        }
        if (acked != null) {
          r.result = SessionTestHistories.olderThan(specs, r.key, acked.value);
          StalenessReport bad = STALENESS.report(SessionTestHistories.build(specs));
          assertEquals(Verdict.INVALID, bad.result().verdict(), "seed " + seed);
          assertEquals(1, bad.staleReads(), "seed " + seed);
          break;
        }
      }
    }
  }
}
