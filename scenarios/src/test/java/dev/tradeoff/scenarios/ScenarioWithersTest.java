package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.faults.Fault;
import dev.tradeoff.faults.FaultEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scenario is a value: it runs any number of times (each run builds its own system), and its
 * withers give exactly what reading the file with the matching overrides gives.
 */
class ScenarioWithersTest {
  private static Scenario read(String name, String... sets) {
    return ScenarioReader.read(
        ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), List.of(sets));
  }

  private static void assertSame(Scenario expected, Scenario actual) {
    assertEquals(Json.write(expected.effective()), Json.write(actual.effective()));
    assertEquals(
        ScenarioRunner.run(expected, "r", "t").report().traceHash(),
        ScenarioRunner.run(actual, "r", "t").report().traceHash());
  }

  @Test
  void oneScenarioRunsTwiceTheSame() {
    // A multi-leader store once refused a second simulation: the built system was shared.
    Scenario s = read("replication/multi-leader-version-vectors", "duration=3s");
    assertEquals(
        ScenarioRunner.run(s, "r", "t").report().traceHash(),
        ScenarioRunner.run(s, "r", "t").report().traceHash());
  }

  @Test
  void withersEqualReadingWithOverrides() {
    String name = "basics/partitioned-store";
    Scenario base = read(name);
    assertSame(read(name, "seed=7"), base.withSeed(7));
    assertSame(read(name, "duration=9s"), base.withDurationNanos(9_000_000_000L));
    assertSame(read(name, "workload.clients=3"), base.withClients(3));
    FaultEvent crash = new FaultEvent(2_000_000_000L, 1_000_000_000L, Fault.crash("db"));
    assertSame(
        read(
            name,
            "faults.schedule=[{\"at\": \"2s\", \"duration\": \"1s\","
                + " \"fault\": {\"type\": \"crash\", \"node\": \"db\", \"loseUnsyncedWrites\": true}}]"),
        base.withSchedule(List.of(crash)));
  }

  @Test
  void withersRefuseWhatTheReaderRefuses() {
    Scenario base = read("basics/partitioned-store");
    assertThrows(ScenarioException.class, () -> base.withDurationNanos(1_000_000_000L));
    assertThrows(
        ScenarioException.class,
        () -> base.withSchedule(List.of(new FaultEvent(0, Fault.crash("nobody")))));
    assertThrows(ScenarioException.class, () -> base.withClients(0));
    // Fewer clients than a fault names: the reader would refuse the file, so the wither does.
    FaultEvent cut =
        new FaultEvent(
            1_000_000_000L,
            1_000_000_000L,
            Fault.partition(java.util.Set.of("db", "client-3"), java.util.Set.of("client-0")));
    assertThrows(ScenarioException.class, () -> base.withClients(2).withSchedule(List.of(cut)));
    assertTrue(base.withOnlySchedule(List.of()).schedule().isEmpty());
  }
}
