package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.reports.OperationStats;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A warm-up leaves the operations invoked during it out of every operation figure; a cache started
 * warm ({@code warmKeys}) spares the database the cold start's misses.
 */
class WarmStartTest {
  private static RunReport run(String name, String... sets) {
    Scenario s =
        ScenarioReader.read(
            ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), List.of(sets));
    return ScenarioRunner.run(s, "test", "test").report();
  }

  private static OperationStats kind(RunReport r, String kind) {
    return r.operations().stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void aWarmupLeavesItsOperationsOutOfTheFigures() {
    String[] base = {"duration=4s", "expectations=[]", "checkers=[]"};
    RunReport all = run("basics/single-node", base);
    RunReport warm =
        run("basics/single-node", "duration=4s", "expectations=[]", "checkers=[]", "warmup=1s");
    long before = kind(all, "read").count() + kind(all, "write").count();
    long after = kind(warm, "read").count() + kind(warm, "write").count();
    // 600/s for 4 s, of which the first second is left out: about 600 fewer, the same run.
    assertTrue(before - after > 450 && before - after < 750, before + " vs " + after);
    assertTrue(
        kind(warm, "read").throughputPerSec() > 400 && kind(warm, "read").throughputPerSec() < 560,
        "throughput over the 3 s counted: " + kind(warm, "read").throughputPerSec());
  }

  private static double firstSecond(RunReport r, String series) {
    TimeSeries t =
        r.series().stream()
            .filter(s -> (s.group() + "/" + s.name()).equals(series))
            .findFirst()
            .orElseThrow();
    return t.values()[0];
  }

  @Test
  void aWarmCacheSparesTheDatabaseTheColdStart() {
    String[] common = {"duration=3s", "expectations=[]", "checkers=[]", "faults.schedule=[]"};
    RunReport cold = run("cache/cold-cache-db-overload", common);
    RunReport warm =
        run(
            "cache/cold-cache-db-overload",
            "duration=3s",
            "expectations=[]",
            "checkers=[]",
            "faults.schedule=[]",
            "system.warmKeys=3000");
    double coldHits = firstSecond(cold, "cache/hit-ratio");
    double warmHits = firstSecond(warm, "cache/hit-ratio");
    assertTrue(warmHits > 0.95, "warm: every key is held from the start: " + warmHits);
    assertTrue(coldHits < warmHits - 0.2, "cold: misses fill it first: " + coldHits);
    assertTrue(
        firstSecond(warm, "cache/db-load") < firstSecond(cold, "cache/db-load") / 2,
        "the database's first second");
  }
}
