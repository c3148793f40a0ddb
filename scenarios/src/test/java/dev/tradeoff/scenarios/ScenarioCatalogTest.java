package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.RunReport;
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
  void everyScenarioRunsAndItsExpectationsHold() {
    for (String name : ScenarioCatalog.names()) {
      Scenario s = read(name, List.of());
      RunReport report = ScenarioRunner.run(s, "replay", "test").report();
      for (ExpectationResult e : report.expectations()) {
        assertEquals(
            Verdict.VALID,
            e.outcome(),
            name + " seed " + s.seed() + ": " + e.text() + " -> " + e.observed());
      }
      assertEquals(Verdict.VALID, report.verdict(), name);
      // A real load, not an empty run: at least a few hundred operations of some kind.
      assertTrue(report.operations().stream().anyMatch(o -> o.count() > 300), name);
    }
  }

  @Test
  void everyScenarioRunsTheSameTwiceEventByEvent() {
    // Same seed, same run: each scenario is built twice from a fresh read (a built system
    // belongs to one simulation) and the kernel compares every event and the history.
    for (String name : ScenarioCatalog.names()) {
      Scenario first = read(name, List.of());
      dev.tradeoff.core.Determinism.Report report =
          dev.tradeoff.core.Determinism.runTwice(
              seed -> {
                Scenario s = read(name, List.of());
                dev.tradeoff.core.Simulation sim = ScenarioRunner.build(s, "test");
                ScenarioRunner.schedule(s).install(sim);
                return sim;
              },
              first.seed(),
              first.endNanos());
      assertTrue(report.deterministic(), name + ": " + report);
    }
  }
}
