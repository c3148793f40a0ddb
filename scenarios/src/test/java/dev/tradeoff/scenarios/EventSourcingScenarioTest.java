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

  @Test
  void eachShardOfAShardedStackIsAnEventStoreJudgedOnItsOwnStreams() {
    // Event sourcing composes like any backend: two shards, each a store with its handlers
    // (s0-es-store, s1-es-handler-0, …); one store crashes and restarts, losing nothing synced.
    String text =
        """
        {
          "name": "test/sharded-event-sourcing",
          "description": "event sourcing behind a shard router",
          "observe": "nothing",
          "duration": "5s",
          "network": {"latency": "shifted(0.1ms, exp(0.2ms))"},
          "system": {
            "pattern": "sharded", "shards": 2,
            "backend": {"pattern": "event-sourcing", "snapshotEvery": 10}
          },
          "workload": {
            "clients": 8, "arrivals": {"type": "poisson", "rate": "400/s"}, "reads": 0.5,
            "keys": {"type": "uniform", "count": 16}
          },
          "faults": {"schedule": [
            {"at": "2s", "fault": {"type": "crash", "node": "s1-es-store", "loseUnsyncedWrites": true}},
            {"at": "2.5s", "fault": {"type": "restart", "node": "s1-es-store"}}
          ]},
          "checkers": ["lost-events", "stream-order", "aggregate-fold", "linearizability"]
        }
        """;
    ScenarioRunner.Run r =
        ScenarioRunner.run(ScenarioReader.read("sharded-es", text, List.of()), "test", "test");
    for (dev.tradeoff.core.check.CheckResult c : r.report().checks()) {
      assertTrue(c.verdict() == dev.tradeoff.core.check.Verdict.VALID, c.toString());
    }
    assertTrue(
        r.report().checks().get(0).detail().startsWith("shard 0: valid; shard 1: valid"),
        r.report().checks().get(0).detail());
    assertTrue(total(r.simulation().metrics().series("snapshots/s1-es")) > 0);
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
