package dev.tradeoff.scenarios;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event-sourcing catalog scenarios keep the word of their observe texts for the variants they
 * name, on seeds 1 to 10 (the shipped configuration is judged by {@link ScenarioCatalogTest}).
 */
class EventSourcingScenarioTest {
  @Test
  void snapshotsEveryHundredEventsBoundTheReplayAndTheRebuild() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "cqrs/event-sourcing-snapshots",
        List.of("system.snapshotEvery=100"),
        "max(replayed-per-load/es) < 100",
        "max(load-time/es) < 5ms",
        "p50(read) > 2.5ms",
        "p50(read) < 4ms",
        "mean(conflicts/es during 15s..20s) < 15/s",
        "violations(lost-events) == 0",
        "violations(stream-order) == 0",
        "violations(aggregate-fold) == 0");
  }

  @Test
  void snapshotsEveryTenEventsCutTheRebuildFurtherAtTheCostOfMoreSnapshots() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "cqrs/event-sourcing-snapshots",
        List.of("system.snapshotEvery=10"),
        "max(replayed-per-load/es) < 10",
        "max(load-time/es) < 3ms",
        "p50(read) < 2.5ms",
        "p99(read) < 10ms",
        "last(snapshots/es) > 250",
        "mean(conflicts/es during 15s..20s) < 15/s",
        "violations(lost-events) == 0",
        "violations(stream-order) == 0",
        "violations(aggregate-fold) == 0");
  }
}
