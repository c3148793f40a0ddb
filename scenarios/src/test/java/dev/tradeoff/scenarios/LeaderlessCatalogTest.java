package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The leaderless catalog scenarios read, round-trip, run and hold — and the points of the quorum
 * sweep with R + W ≤ N fail their staleness expectation, which is what the sweep is for. (Until the
 * files join {@code catalog/index.txt}, {@link ScenarioCatalogTest} does not see them.)
 */
class LeaderlessCatalogTest {
  static final List<String> NAMES =
      List.of(
          "replication/pbs-lnkd-ssd",
          "replication/pbs-lnkd-disk",
          "replication/pbs-ymmr",
          "replication/quorum-tunable");

  static String text(String name) {
    try (InputStream in =
        LeaderlessCatalogTest.class.getResourceAsStream("/catalog/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing catalog/" + name + ".json");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario read(String name, List<String> sets) {
    return ScenarioReader.read("catalog/" + name + ".json", text(name), sets);
  }

  static RunReport run(String name, List<String> sets) {
    return ScenarioRunner.run(read(name, sets), "replay", "test").report();
  }

  @Test
  void everyScenarioReadsBackToItselfRunsAndHolds() {
    for (String name : NAMES) {
      Scenario s = read(name, List.of());
      assertEquals(name, s.name());
      Scenario again = ScenarioReader.read("effective", s.json(), List.of());
      assertEquals(s.json(), again.json(), name);
      RunReport report = run(name, List.of());
      for (ExpectationResult e : report.expectations()) {
        System.out.println(name + ": " + e.text() + " -> " + e.observed());
        assertEquals(Verdict.VALID, e.outcome(), name + ": " + e.text() + " -> " + e.observed());
      }
      report.checks().forEach(c -> System.out.println(name + ": " + c));
      assertEquals(Verdict.VALID, report.verdict(), name);
      assertTrue(report.operations().stream().anyMatch(o -> o.count() > 1_000), name);
    }
  }

  @Test
  void partialQuorumPointsOfTheSweepServeStaleReads() {
    RunReport report =
        run("replication/quorum-tunable", List.of("system.r=1", "system.w=1", "duration=\"5s\""));
    assertEquals(Verdict.INVALID, report.verdict());
    assertTrue(
        report.expectations().stream()
            .anyMatch(
                e ->
                    e.text().equals("violations(staleness) == 0")
                        && e.outcome() == Verdict.INVALID),
        report.expectations().toString());
  }

  @Test
  void strictQuorumPbsPointsHaveNoStaleReads() {
    RunReport report =
        run("replication/pbs-lnkd-disk", List.of("system.r=2", "system.w=2", "duration=\"5s\""));
    assertTrue(
        report.expectations().stream()
            .anyMatch(
                e ->
                    e.text().equals("violations(staleness) > 0") && e.outcome() == Verdict.INVALID),
        report.expectations().toString());
  }

  @Test
  void badQuorumSizesNameTheField() {
    ScenarioException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioException.class,
            () -> read("replication/quorum-tunable", List.of("system.w=4")));
    assertTrue(e.getMessage().contains("must be <= n (3), got 4"), e.getMessage());
  }
}
