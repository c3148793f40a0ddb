package dev.tradeoff.core.check.events;

import static dev.tradeoff.core.check.events.SmallRun.JUDGED_BEFORE_NANOS;
import static dev.tradeoff.core.check.events.SmallRun.MS;
import static dev.tradeoff.core.check.events.SmallRun.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport.Visibility;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadModelStalenessTest {
  private static final List<Long> DELAYS = List.of(1 * S, 0L, 100 * MS, 100 * MS);

  @Test
  void withoutABoundItMeasuresAndStaysValid() {
    SmallRun run = new SmallRun();
    ReadModelStaleness checker = ReadModelStaleness.of(run.committed, run.applied, DELAYS);
    CheckResult r = checker.check(new History());
    assertEquals("read-model-staleness", checker.name());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals(
        "5 changes, visible after p50 100.000 ms, p99 300.000 ms, max 300.000 ms; 1 never visible",
        r.detail());
    // The pending change is judged here: visible at no delay.
    assertEquals(
        List.of(
            new Visibility(0, 5, 0), new Visibility(100 * MS, 5, 3), new Visibility(1 * S, 5, 4)),
        r.visibility());
  }

  @Test
  void aLateRetryAndAPendingChangeStayWithinAGenerousBound() {
    SmallRun run = new SmallRun();
    CheckResult r =
        ReadModelStaleness.of(run.committed, run.applied, DELAYS, 1 * S, JUDGED_BEFORE_NANOS)
            .check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals(
        "4 changes, visible after p50 100.000 ms, p99 300.000 ms, max 300.000 ms; 0 never visible,"
            + " 1 pending (committed at or after 8.000 s); bound 1.000 s",
        r.detail());
    assertEquals(
        List.of(
            new Visibility(0, 4, 0), new Visibility(100 * MS, 4, 3), new Visibility(1 * S, 4, 4)),
        r.visibility());
  }

  @Test
  void eachChangeLaterThanTheBoundOrNeverVisibleIsOneViolation() {
    SmallRun run = new SmallRun();
    run.applied.remove(1); // event 11: it shows only once v3 supersedes it, at 3.050 s
    CheckResult r =
        ReadModelStaleness.of(run.committed, run.applied, DELAYS, 200 * MS).check(new History());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(2, r.violations());
    assertEquals(
        List.of(
            "aggregate 1 v2 (event 11), committed at 2.000 s, became visible after 1.050 s (at"
                + " 3.050 s, when c-0 applied v3, event 13)",
            "aggregate 2 v2 (event 14), committed at 9.000 s, never became visible in the read"
                + " model"),
        r.witnesses());
    assertEquals(
        List.of(
            new Visibility(0, 5, 0), new Visibility(100 * MS, 5, 3), new Visibility(1 * S, 5, 3)),
        r.visibility());
  }

  @Test
  void aNewerVersionShownBeforeTheCommitMeansNoDelay() {
    List<Change> committed = List.of(new Change(1, 1, 1, 10, 50), new Change(2, 1, 2, 20, 40));
    List<Applied> applied = List.of(new Applied(2, 1, 2, 20, "c", 45));
    CheckResult r =
        ReadModelStaleness.of(committed, applied, List.of(0L, 5L), 5).check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    // v1 is superseded 5 ns before its own commit: visible at once; v2 after 5 ns.
    assertEquals(List.of(new Visibility(0, 2, 1), new Visibility(5, 2, 2)), r.visibility());
  }
}
