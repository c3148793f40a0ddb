package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.json.JsonException;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.catalog.PatternCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test author builds any pattern from Java with exactly a scenario file's defaults. */
class SystemSpecFromJavaTest {
  private static final long TEN_S = 10_000_000_000L;

  @Test
  void everyPatternWithoutARequiredParameterBuildsFromItsDefaults() {
    List<String> built = new ArrayList<>();
    for (PatternSpec spec : PatternCatalog.all()) {
      if (spec.params().stream().anyMatch(p -> p.defaultValue() == null)) {
        continue; // a required parameter (a nested system, a name): nothing to default
      }
      SystemSpec system = SystemSpec.defaults(spec.name(), TEN_S);
      for (Param p : spec.params()) {
        assertTrue(system.config().has(p.name()), spec.name() + ": " + p.name());
      }
      assertFalse(system.build().nodes().isEmpty(), spec.name());
      built.add(spec.name());
    }
    assertTrue(built.contains("leader-follower"), built.toString());
    assertTrue(built.size() >= 10, built.toString());
  }

  @Test
  void defaultsAreTheScenarioReadersOwn() {
    SystemSpec system = SystemSpec.defaults("leader-follower", TEN_S);
    assertEquals(3, system.config().integer("replicas"));
    assertEquals(List.of("db-0", "db-1", "db-2"), system.nodes());
    // a scenario file with the same system object reads to the same values
    SystemSpec fromFile =
        ScenarioReader.read(
                "x.json",
                """
                {"name": "x", "description": "x", "observe": "x", "duration": "10s",
                 "network": {"latency": "exp(1ms)"},
                 "system": {"pattern": "leader-follower"},
                 "workload": {"arrivals": {"type": "poisson", "rate": "10/s"}}}
                """,
                List.of())
            .system();
    for (Param p : PatternCatalog.find("leader-follower").orElseThrow().params()) {
      assertEquals(value(fromFile, p), value(system, p), p.name());
    }
  }

  private static Object value(SystemSpec system, Param p) {
    var c = system.config();
    return switch (p.type()) {
      case INTEGER -> c.integer(p.name());
      case NUMBER -> c.number(p.name());
      case DURATION -> c.nanos(p.name());
      case DISTRIBUTION -> c.distribution(p.name()).toString();
      case BOOLEAN -> c.bool(p.name());
      case STRING, CHOICE -> c.string(p.name());
      case SYSTEM -> c.hasBackend(p.name());
      case DISTRIBUTION_PER_NODE -> c.distributionsPerNode(p.name()).toString();
      case INTEGER_PER_NODE -> c.integersPerNode(p.name());
    };
  }

  @Test
  void overridesAreReadAndValidatedLikeAScenarioFile() {
    SystemSpec five = SystemSpec.of("{\"pattern\": \"leader-follower\", \"replicas\": 5}", TEN_S);
    assertEquals(5, five.config().integer("replicas"));
    JsonException e =
        assertThrows(
            JsonException.class,
            () -> SystemSpec.of("{\"pattern\": \"leader-follower\", \"replicas\": 1}", TEN_S));
    assertTrue(e.getMessage().contains("replicas"), e.getMessage());
  }
}
