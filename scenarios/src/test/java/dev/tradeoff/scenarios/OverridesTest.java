package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set path=value}: overrides are read by the same rules as the file. */
class OverridesTest {
  private static final String NAME = "basics/partitioned-store";

  private static Scenario read(String... sets) {
    return ScenarioReader.read(
        ScenarioCatalog.source(NAME), ScenarioCatalog.text(NAME).orElseThrow(), List.of(sets));
  }

  @Test
  void overridesReplaceValuesAndShowInTheEffectiveScenario() {
    Scenario s =
        read(
            "seed=42",
            "workload.clients=3",
            "duration=20s",
            "faults.schedule[0].fault.node=db",
            "faults.schedule[0].at=7s",
            "workload.keys.type=zipf");
    assertEquals(42, s.seed());
    assertEquals(3, s.workload().clients());
    assertEquals(20_000_000_000L, s.durationNanos());
    assertEquals(7_000_000_000L, s.schedule().get(0).atNanos());
    assertTrue(s.json().contains("\"clients\": 3"), s.json());
    assertTrue(
        s.json().contains("\"type\": \"zipf\", \"count\": 50, \"exponent\": 0.99"), s.json());
  }

  @Test
  void aDefaultedFieldCanBeSetAndALaterOverrideWins() {
    assertEquals(2_000_000_000L, read("drain=2s").drainNanos());
    assertEquals(5, read("workload.clients=4", "workload.clients=5").workload().clients());
  }

  @Test
  void badOverridesNameTheOverrideInsteadOfAFilePosition() {
    String[][] cases = {
      {
        "workload.clients=abc",
        "--set workload.clients=abc: workload.clients: expected an integer, got \"abc\""
      },
      {"duration=-1s", "--set duration=-1s: duration: must be > 0, got \"-1s\""},
      {
        "workload.clientz=3",
        "--set workload.clientz=3: workload: unknown field \"clientz\"; did you mean \"clients\"?"
      },
      {"faults.schedule[5].at=1s", "--set faults.schedule[5].at=1s: no item [5] to set"},
      {"seed", "--set seed: expected path=value"},
      {"a..b=1", "--set a..b=1: bad path \"a..b\": expected names and [index] separated by dots"},
      {
        "faults.schedule[0].fault.node=db9",
        "--set faults.schedule[0].fault.node=db9: faults.schedule[0].fault.node: no node \"db9\" in the system; nodes: db"
      },
    };
    for (String[] c : cases) {
      ScenarioException e = assertThrows(ScenarioException.class, () -> read(c[0]), c[0]);
      assertEquals(c[1], e.getMessage(), c[0]);
    }
  }
}
