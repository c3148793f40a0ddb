package dev.tradeoff.core.check.events;

import static dev.tradeoff.core.check.events.SmallRun.JUDGED_BEFORE_NANOS;
import static dev.tradeoff.core.check.events.SmallRun.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class LostEventsTest {
  @Test
  void aRetriedLateAndPendingRunLosesNothing() {
    SmallRun run = new SmallRun();
    CheckResult r =
        LostEvents.of(run.committed, run.log, run.applied, JUDGED_BEFORE_NANOS)
            .check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals(
        "5 committed changes: 4 applied, 0 lost, 1 pending (committed at or after 8.000 s, not yet"
            + " applied)",
        r.detail());
  }

  @Test
  void anUnappliedChangeIsLostWhetherOrNotTheLogHoldsIt() {
    SmallRun run = new SmallRun();
    run.applied.remove(1); // event 11, which the log holds twice
    run.committed.add(new Change(15, 3, 1, 300, 4 * S)); // never published
    LostEvents checker = LostEvents.of(run.committed, run.log, run.applied, JUDGED_BEFORE_NANOS);
    CheckResult r = checker.check(new History());
    assertEquals("lost-events", checker.name());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(2, r.violations());
    assertEquals(
        List.of(
            "aggregate 1 v2 (event 11), committed at 2.000 s, was never applied: the log holds it"
                + " at partition 0 offset 1, partition 0 offset 2",
            "aggregate 3 v1 (event 15), committed at 4.000 s, was never applied: the log never"
                + " received it"),
        r.witnesses());
  }

  @Test
  void judgingEveryChangeCountsThePendingOneAsLost() {
    SmallRun run = new SmallRun();
    CheckResult r =
        LostEvents.of(run.committed, run.log, run.applied, Long.MAX_VALUE).check(new History());
    assertEquals(1, r.violations());
    assertEquals(
        "aggregate 2 v2 (event 14), committed at 9.000 s, was never applied: the log never"
            + " received it",
        r.witnesses().get(0));
    assertEquals("5 committed changes: 4 applied, 1 lost, 0 pending", r.detail());
  }

  @Test
  void witnessesAreTheFirstFiveByCommitTime() {
    List<Change> committed =
        List.of(
            new Change(7, 1, 1, 0, 70),
            new Change(6, 1, 2, 0, 60),
            new Change(5, 1, 3, 0, 50),
            new Change(4, 1, 4, 0, 40),
            new Change(3, 1, 5, 0, 30),
            new Change(2, 1, 6, 0, 30));
    CheckResult r =
        LostEvents.of(committed, List.of(), List.of(), Long.MAX_VALUE).check(new History());
    assertEquals(6, r.violations());
    assertEquals(5, r.witnesses().size());
    assertEquals(true, r.witnesses().get(0).contains("(event 2)"), r.witnesses().get(0));
    assertEquals(true, r.witnesses().get(1).contains("(event 3)"), r.witnesses().get(1));
    assertEquals(true, r.witnesses().get(4).contains("(event 6)"), r.witnesses().get(4));
  }
}
