package dev.tradeoff.core.check.events;

import static dev.tradeoff.core.check.events.SmallRun.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhantomEventsTest {
  @Test
  void retriedCopiesAndPendingChangesAreNoPhantoms() {
    SmallRun run = new SmallRun();
    CheckResult r = PhantomEvents.of(run.committed, run.log, run.applied).check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals("4 events logged or applied, checked against 5 committed changes", r.detail());
  }

  @Test
  void uncommittedAndMisreportedEventsAreOnePhantomEach() {
    SmallRun run = new SmallRun();
    // A rolled-back change whose event went out and was applied.
    run.log.add(new Published(20, 1, 4, 103, 0, 4));
    run.applied.add(new Applied(20, 1, 4, 103, "c-0", 5 * S));
    run.applied.add(new Applied(20, 1, 4, 103, "c-0", 6 * S));
    // A copy of event 12 with another value, twice: still one violation.
    run.log.add(new Published(12, 2, 1, 999, 1, 1));
    run.log.add(new Published(12, 2, 1, 998, 1, 2));
    // An application of an event the log never held, nor the write model committed.
    run.applied.add(new Applied(21, 3, 1, 5, "c-2", 7 * S));
    // An application of committed event 13 under the wrong version.
    run.applied.add(new Applied(13, 1, 2, 102, "c-2", 7 * S));
    PhantomEvents checker = PhantomEvents.of(run.committed, run.log, run.applied);
    CheckResult r = checker.check(new History());
    assertEquals("phantom-events", checker.name());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(4, r.violations());
    assertEquals(
        List.of(
            "event 12 announces aggregate 2 v1 = 999 (in the log at partition 1 offset 1), but the"
                + " committed change is aggregate 2 v1 = 200",
            "event 13 announces aggregate 1 v2 = 102 (applied by c-2 at 7.000 s), but the committed"
                + " change is aggregate 1 v3 = 102",
            "event 20 announces aggregate 1 v4 = 103 (in the log at partition 0 offset 4; applied by"
                + " c-0 at 5.000 s), but no change with that event id was committed",
            "event 21 announces aggregate 3 v1 = 5 (applied by c-2 at 7.000 s), but no change with"
                + " that event id was committed"),
        r.witnesses());
  }
}
