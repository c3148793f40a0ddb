package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The variants the cells and deploy catalog scenarios' observe texts name keep their word on seeds
 * 1..10, as the scenarios themselves do (the catalog suite judges those).
 */
class CellsScenarioTest {
  private static String text(String name) throws IOException {
    try (InputStream in =
        CellsScenarioTest.class.getResourceAsStream("/catalog/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Runs catalog scenario {@code name} with {@code sets} on seeds 1..10, with only the {@code
   * blast-radius} checker, judged by {@code expectations} instead of its own.
   */
  private static void holdOnSeedsOneToTen(String name, List<String> sets, String... expectations)
      throws IOException {
    String text = text(name);
    List<String> all = new ArrayList<>(sets);
    all.add("checkers=[\"blast-radius\"]");
    all.add(
        "expectations="
            + Arrays.stream(expectations)
                .map(e -> "\"" + e + "\"")
                .collect(Collectors.joining(", ", "[", "]")));
    SeedRuns runs =
        SeedRuns.run(
            seed -> {
              List<String> withSeed = new ArrayList<>(all);
              withSeed.add("seed=" + seed);
              return ScenarioReader.read(name, text, withSeed);
            },
            SweepPlan.seeds("1..10"),
            seed -> "./tradeoff run " + name + " --seed " + seed + " " + sets,
            "test");
    assertEquals(Verdict.VALID, runs.verdict(), runs.summary());
  }

  @Test
  void theSameDeployOnOneSharedStackReachesEveryCustomer() throws IOException {
    holdOnSeedsOneToTen(
        "cell/blast-radius",
        List.of("system.cells=1"),
        "violations(blast-radius) >= 190",
        "errors(read) > 500",
        "errors(write) > 500",
        "p99(read) < 5ms",
        "max(deploy/cells-on-new) == 1");
  }

  @Test
  void allAtOnceDetectsSoonerButReachesSeveralTimesTheCustomersOfTheCanary() throws IOException {
    holdOnSeedsOneToTen(
        "deploy/canary-rollback",
        List.of("system.deploy=all-at-once"),
        "violations(blast-radius) >= 80",
        "max(deploy/cells-on-new) == 8",
        "max(deploy/time-to-detect) <= 300ms",
        "last(deploy/time-to-rollback) == 1s",
        "errors(read) > 180",
        "errors(write) > 180");
  }
}
