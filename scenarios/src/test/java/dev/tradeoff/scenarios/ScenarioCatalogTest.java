package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shipped scenario reads, round-trips through its effective JSON, runs and holds. */
class ScenarioCatalogTest {
  private static Scenario read(String name, List<String> sets) {
    return ScenarioReader.read(
        ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), sets);
  }

  @Test
  void theCatalogIsNotEmptyAndEveryNameMatchesItsFile() {
    assertFalse(ScenarioCatalog.names().isEmpty());
    for (String name : ScenarioCatalog.names()) {
      assertEquals(name, read(name, List.of()).name(), "catalog/" + name + ".json");
    }
  }

  @Test
  void theEffectiveScenarioReadsBackToItself() {
    for (String name : ScenarioCatalog.names()) {
      Scenario s = read(name, List.of());
      Scenario again = ScenarioReader.read("effective", s.json(), List.of());
      assertEquals(s.json(), again.json(), name);
      assertEquals(Json.write(s.effective()), Json.write(again.effective()), name);
    }
  }

  @Test
  void everyExpectationOfEveryScenarioHoldsOnSeedsOneToTen() {
    // A claim the catalog makes must hold on every seed, not only on the one it ships with.
    List<Long> seeds = SweepPlan.seeds("1..10");
    StringBuilder failures = new StringBuilder();
    for (String name : ScenarioCatalog.names()) {
      SeedRuns runs =
          SeedRuns.run(
              seed -> read(name, List.of("seed=" + seed)),
              seeds,
              seed -> "./tradeoff run " + name + " --seed " + seed,
              "test");
      if (runs.verdict() != Verdict.VALID) {
        failures.append(runs.summary());
      }
      // A real load, not an empty run: at least a few hundred operations of some kind.
      assertTrue(runs.first().operations().stream().anyMatch(o -> o.count() > 300), name);
    }
    assertEquals("", failures.toString());
  }

  @Test
  void everyScenarioRunsTheSameTwiceEventByEvent() {
    // Same seed, same run: each scenario is built twice from a fresh read (a built system
    // belongs to one simulation) and the kernel compares every event and the history.
    for (String name : ScenarioCatalog.names()) {
      Scenario first = read(name, List.of());
      dev.tradeoff.core.kernel.Determinism.Report report =
          dev.tradeoff.core.kernel.Determinism.runTwice(
              seed -> {
                Scenario s = read(name, List.of());
                dev.tradeoff.core.kernel.Simulation sim =
                    ScenarioRunner.build(s, "test").simulation();
                ScenarioRunner.schedule(s).install(sim);
                return sim;
              },
              first.seed(),
              first.endNanos());
      assertTrue(report.deterministic(), name + ": " + report);
    }
  }
}
