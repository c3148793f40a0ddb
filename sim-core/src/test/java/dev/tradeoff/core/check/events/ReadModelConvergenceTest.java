package dev.tradeoff.core.check.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadModelConvergenceTest {
  @Test
  void aRowThatSkippedTheRetriedCopyMatchesTheFold() {
    SmallRun run = new SmallRun();
    CheckResult r = ReadModelConvergence.of(run.rows, run.log).check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals("2 rows checked against the fold of 2 aggregates' events", r.detail());
  }

  @Test
  void theFoldTakesTheHighestVersionNotTheLastRecord() {
    // A log whose partition holds v2 before v1 still folds to v2.
    List<Published> log =
        List.of(new Published(2, 1, 2, 20, 0, 0), new Published(1, 1, 1, 10, 0, 1));
    CheckResult r =
        ReadModelConvergence.of(List.of(new ReadRow(1, 2, 20, 2)), log).check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
  }

  @Test
  void everyAggregateWhoseRowDiffersIsOneViolation() {
    SmallRun run = new SmallRun();
    List<ReadRow> rows =
        List.of(
            new ReadRow(1, 3, 102, 4), // the retried copy of event 11 absorbed twice
            new ReadRow(9, 1, 5, 1)); // aggregate 2 missing, aggregate 9 never logged
    ReadModelConvergence checker = ReadModelConvergence.of(rows, run.log);
    CheckResult r = checker.check(new History());
    assertEquals("read-model-convergence", checker.name());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(3, r.violations());
    assertEquals(
        List.of(
            "aggregate 1: the read model shows v3 = 102 from 4 events; the log folds to v3 = 102"
                + " from 3 events",
            "aggregate 2: the read model has no row; the log folds to v1 = 200 from 1 event",
            "aggregate 9: the read model shows v1 = 5 from 1 event; the log never mentions it"),
        r.witnesses());
  }

  @Test
  void anotherVersionOrValueDiffers() {
    SmallRun run = new SmallRun();
    for (ReadRow wrong : List.of(new ReadRow(2, 0, 200, 1), new ReadRow(2, 1, 201, 1))) {
      List<ReadRow> rows = List.of(run.rows.get(0), wrong);
      CheckResult r = ReadModelConvergence.of(rows, run.log).check(new History());
      assertEquals(1, r.violations(), wrong.toString());
      assertEquals(true, r.witnesses().get(0).startsWith("aggregate 2: "), r.toString());
    }
  }
}
