package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CQRS catalog scenarios keep the word their observe texts give about the variants they name
 * with {@code --set}; the shipped variant's claims are the scenario's own expectations, which the
 * catalog test holds on seeds 1..10.
 */
class CqrsScenarioTest {
  @Test
  void aDatabaseThatWaitsForAFollowerKeepsEveryAcknowledgedChangeAndItsEvent() throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/outbox-on-replicated-database",
        List.of("system.database.mode=semi-sync"),
        "violations(lost-writes) == 0",
        "violations(phantom-events) == 0",
        "violations(aggregate-order) == 0",
        "violations(lost-events) == 0",
        "violations(duplicate-effects) == 0",
        "violations(read-model-convergence) == 0",
        "info(write) >= 50",
        "p50(write) > 3.5ms",
        "p50(write) < 4.5ms");
  }

  @Test
  void theOutboxLosesNothingAndItsRepublishedBatchesAreSkippedByTheIdempotentReadModel()
      throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/outbox-vs-dual-write",
        List.of("system.publish=outbox"),
        "violations(lost-events) == 0",
        "violations(phantom-events) == 0",
        "violations(duplicate-effects) == 0",
        "violations(read-model-convergence) == 0",
        "max(cqrs/duplicates-skipped) >= 1",
        "max(outbox/pending) <= 50",
        "mean(cqrs/visibility-ms during 0s..15s) > 10ms",
        "mean(cqrs/visibility-ms during 0s..15s) < 20ms");
    holdOnSeedsOneToTen(
        "cqrs/outbox-vs-dual-write",
        List.of("system.publish=outbox", "system.relay=tailing"),
        "violations(lost-events) == 0",
        "violations(duplicate-effects) == 0",
        "violations(read-model-convergence) == 0",
        "mean(cqrs/visibility-ms during 0s..15s) < 10ms");
  }

  @Test
  void publishingFirstLosesNothingButInventsPhantomsTheReadModelShowsAndPaysTheRoundTrip()
      throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/outbox-vs-dual-write",
        List.of("system.publish=dual-write-log-first"),
        "violations(lost-events) == 0",
        "violations(phantom-events) > 0",
        "violations(phantom-events) < 30",
        "violations(read-model-convergence) == 0",
        "p50(write) > 4ms");
  }

  @Test
  void anIdempotentReadModelSkipsTheRedeliveredEventsAndConverges() throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/idempotent-consumer",
        List.of("system.consumer=idempotent"),
        "violations(duplicate-effects) == 0",
        "violations(read-model-convergence) == 0",
        "violations(aggregate-order) == 0",
        "violations(lost-events) == 0",
        "violations(phantom-events) == 0",
        "max(cqrs/duplicates-skipped during 5s..7s) > 10",
        "max(log/redeliveries during 5s..7s) > 0",
        "max(consumer-lag-ms/max during 16s..18s) == 0");
  }

  @Test
  void waitingForTheVersionOrReadingTheWriteModelKeepsReadYourWritesThroughTheSlowSpell()
      throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/projection-lag",
        List.of("system.readYourWrites=wait-for-version"),
        "violations(read-your-writes) == 0",
        "violations(staleness) > 0",
        "max(cqrs/waiting-reads during 6s..11.5s) > 0",
        "max(read) > 500ms",
        "fail(read) > 0",
        "fail(read) < 300");
    holdOnSeedsOneToTen(
        "cqrs/projection-lag",
        List.of("system.readYourWrites=write-model"),
        "violations(read-your-writes) == 0",
        "p99(read) < 5ms");
  }

  @Test
  void aVersionGuardOrTheAggregateAsKeyKeepsEachAggregateInOrder() throws IOException {
    for (String set : List.of("system.apply=version-guard", "system.partitionKey=aggregate")) {
      holdOnSeedsOneToTen(
          "cqrs/partition-key-ordering",
          List.of(set),
          "violations(aggregate-order) == 0",
          "violations(read-model-convergence) == 0",
          "violations(duplicate-effects) == 0",
          "violations(lost-events) == 0");
    }
  }

  @Test
  void overwritingOutOfOrderEventsLeavesSomeRowOnAnOldVersionOnMostSeeds() {
    String name = "cqrs/partition-key-ordering";
    int diverged = 0;
    for (long seed = 1; seed <= 10; seed++) {
      Scenario s =
          ScenarioReader.read(
              name, ScenarioCatalog.text(name).orElseThrow(), List.of("seed=" + seed));
      CheckResult convergence =
          ScenarioRunner.run(s, "test", "test").report().checks().stream()
              .filter(c -> c.checker().equals("read-model-convergence"))
              .findFirst()
              .orElseThrow();
      if (convergence.verdict() == Verdict.INVALID) {
        diverged++;
      }
    }
    assertTrue(diverged >= 6, "read-model-convergence fired on " + diverged + " of seeds 1..10");
  }
}
