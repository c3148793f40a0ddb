package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;

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
  void theOutboxLosesNothingAndItsRepublishedBatchesAreSkippedByTheIdempotentReadModel()
      throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/outbox-vs-dual-write",
        List.of("system.publish=outbox"),
        "violations(lost-events) == 0",
        "violations(phantom-events) == 0",
        "violations(duplicate-effects) == 0",
        "violations(read-model-convergence) == 0",
        "max(cqrs/duplicates-skipped) >= 2",
        "max(outbox/pending) <= 30");
  }

  @Test
  void publishingFirstLosesNothingButInventsPhantomsTheReadModelShowsAndPaysTheRoundTrip()
      throws IOException {
    holdOnSeedsOneToTen(
        "cqrs/outbox-vs-dual-write",
        List.of("system.publish=dual-write-log-first"),
        "violations(lost-events) == 0",
        "violations(phantom-events) > 1",
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
}
