package dev.tradeoff.core.check.events;

import static dev.tradeoff.core.check.events.SmallRun.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateOrderTest {
  @Test
  void lateInOrderApplicationsAndRepeatsAreInOrder() {
    SmallRun run = new SmallRun();
    List<Applied> applied = new ArrayList<>(run.applied);
    // Re-applying the newest version is duplicate-effects' business, not an order violation.
    applied.add(new Applied(13, 1, 3, 102, "c-0", 4000 * MS));
    CheckResult r = AggregateOrder.of(applied).check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals("5 applications to 2 aggregates", r.detail());
  }

  @Test
  void anOlderEventAppliedOverANewerOneIsOneViolation() {
    List<Applied> applied =
        List.of(
            new Applied(35, 7, 6, 60, "Y", 3100 * MS),
            new Applied(33, 7, 5, 50, "X", 3200 * MS),
            new Applied(31, 7, 4, 40, "X", 3300 * MS),
            new Applied(36, 7, 7, 70, "X", 3400 * MS),
            new Applied(3, 2, 2, 20, "Z", 1000 * MS),
            // Same time as v2 but later in the list: applied after it.
            new Applied(2, 2, 1, 10, "Z", 1000 * MS));
    AggregateOrder checker = AggregateOrder.of(applied);
    CheckResult r = checker.check(new History());
    assertEquals("aggregate-order", checker.name());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(3, r.violations());
    assertEquals(
        List.of(
            "aggregate 2: v1 (event 2) applied at 1.000 s by Z after v2 (event 3) at 1.000 s by Z",
            "aggregate 7: v5 (event 33) applied at 3.200 s by X after v6 (event 35) at 3.100 s by Y",
            "aggregate 7: v4 (event 31) applied at 3.300 s by X after v6 (event 35) at 3.100 s by"
                + " Y"),
        r.witnesses());
  }

  @Test
  void listOrderDoesNotMatterOnlyApplicationTime() {
    List<Applied> applied =
        List.of(new Applied(2, 1, 2, 0, "c", 20), new Applied(1, 1, 1, 0, "c", 10));
    assertEquals(Verdict.VALID, AggregateOrder.of(applied).check(new History()).verdict());
  }
}
