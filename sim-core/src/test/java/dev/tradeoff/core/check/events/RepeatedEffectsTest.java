package dev.tradeoff.core.check.events;

import static dev.tradeoff.core.check.events.SmallRun.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedEffectsTest {
  @Test
  void aConsumerThatSkippedTheRetriedCopyRepeatsNothing() {
    SmallRun run = new SmallRun();
    CheckResult r = RepeatedEffects.of(run.applied).check(new History());
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertEquals("4 applications of 4 events", r.detail());
  }

  @Test
  void everyEventAppliedTwiceOrMoreIsOneViolation() {
    SmallRun run = new SmallRun();
    // The retried copy of event 11 applied by a consumer that took over the partition, and
    // event 10 re-applied twice after a crash before the offset commit.
    run.applied.add(new Applied(11, 1, 2, 101, "c-2", 4 * S));
    run.applied.add(new Applied(10, 1, 1, 100, "c-0", 5 * S));
    run.applied.add(new Applied(10, 1, 1, 100, "c-0", 6 * S));
    RepeatedEffects checker = RepeatedEffects.of(run.applied);
    CheckResult r = checker.check(new History());
    assertEquals("duplicate-effects", checker.name());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(2, r.violations());
    assertEquals(
        List.of(
            "aggregate 1 v1 (event 10) was applied 3 times: by c-0 at 1.100 s, by c-0 at 5.000 s,"
                + " by c-0 at 6.000 s",
            "aggregate 1 v2 (event 11) was applied 2 times: by c-0 at 2.300 s, by c-2 at 4.000 s"),
        r.witnesses());
    assertEquals("7 applications of 4 events", r.detail());
  }
}
