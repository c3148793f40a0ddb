package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
        "mean(conflicts/es during 15s..20s) < 10/s",
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
        "mean(conflicts/es during 15s..20s) < 10/s",
        "violations(lost-events) == 0",
        "violations(stream-order) == 0",
        "violations(aggregate-fold) == 0");
  }

  @Test
  void conflictsClimbWithTheNumberOfHandlersRacing() throws IOException {
    String name = "cqrs/optimistic-concurrency";
    CachingScenarioTest.holdOnSeedsOneToTen(
        name,
        List.of("system.handlers=1"),
        "max(conflicts/es) == 0",
        "violations(linearizability) == 0");
    CachingScenarioTest.holdOnSeedsOneToTen(
        name,
        List.of("system.handlers=2"),
        "mean(conflicts/es during 0s..15s) > 20/s",
        "mean(conflicts/es during 0s..15s) < 45/s");
    CachingScenarioTest.holdOnSeedsOneToTen(
        name, List.of("system.handlers=8"), "mean(conflicts/es during 0s..15s) > 45/s");
    long previous = -1;
    StringBuilder totals = new StringBuilder();
    for (int handlers : new int[] {1, 2, 4, 8}) {
      long conflicts = 0;
      for (long seed = 1; seed <= 10; seed++) {
        ScenarioRunner.Run r = run(name, "seed=" + seed, "system.handlers=" + handlers);
        conflicts += (long) total(r.simulation().metrics().series("conflicts/es"));
      }
      totals.append(handlers).append(" handlers: ").append(conflicts).append("; ");
      assertTrue(conflicts > previous, totals.toString());
      previous = conflicts;
    }
    System.out.println("conflicts per second summed over intervals and seeds 1..10: " + totals);
  }

  @Test
  void withoutExpectedVersionChecksUpdatesAreLostAndOnlyTheStreamCheckersSeeIt()
      throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "cqrs/optimistic-concurrency",
        List.of("system.concurrency=none"),
        "violations(stream-order) > 1000",
        "violations(aggregate-fold) > 0",
        "violations(linearizability) == 0",
        "violations(lost-events) == 0",
        "max(conflicts/es) == 0");
  }

  @Test
  void aCacheSpeedsReadsButServesStaleStateUnlessOneHandlerWritesEverything() throws IOException {
    String name = "cqrs/optimistic-concurrency";
    CachingScenarioTest.holdOnSeedsOneToTen(
        name,
        List.of("system.cache=true"),
        "violations(linearizability) > 0",
        "p50(read) < 1ms",
        "mean(conflicts/es during 0s..15s) > 200/s",
        "p50(write) > 3ms",
        "violations(stream-order) == 0",
        "violations(aggregate-fold) == 0");
    CachingScenarioTest.holdOnSeedsOneToTen(
        name,
        List.of("system.cache=true", "system.handlers=1"),
        "violations(linearizability) == 0",
        "p50(read) < 1ms",
        "max(conflicts/es) == 0",
        "p50(write) < 2ms");
  }

  private static ScenarioRunner.Run run(String name, String... sets) {
    Scenario s =
        ScenarioReader.read(
            ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), List.of(sets));
    return ScenarioRunner.run(s, "test", "test");
  }

  /** The sum of series {@code s}'s interval values (intervals without data count 0). */
  private static double total(dev.tradeoff.core.metrics.Series s) {
    double sum = 0;
    for (int i = 0; i < s.intervals(); i++) {
      sum += s.count(i) == 0 || Double.isNaN(s.last(i)) ? 0 : s.last(i);
    }
    return sum;
  }
}
