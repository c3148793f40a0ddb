package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Coverage;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The cached pattern under random cache-node crashes, with the fault harness: write-through keeps
 * every acknowledged write, and versioned cache-aside serves nothing older than a write
 * acknowledged a TTL (plus a network hop) before the read. The database is never crashed: the
 * default backend keeps its data in memory, so its crash would lose everything whatever the cache
 * does.
 */
class CachingPropertyTest {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 3_000 * MS;
  private static final long TTL_NANOS = 300 * MS;
  private static final List<String> CACHES = List.of("cache-0", "cache-1");

  private static final String BASE =
      """
      {
        "name": "property/cached",
        "description": "two cache nodes in front of a database, under random cache crashes",
        "observe": "nothing",
        "duration": "3s",
        "drain": "0s",
        "network": {"latency": "shifted(0.1ms, exp(0.3ms))"},
        "system": {
          "pattern": "cached", "caches": 2, "ttl": "300ms",
          "backend": {"pattern": "single-node", "name": "db", "workers": 4, "service": "exp(0.5ms)"}
        },
        "workload": {
          "arrivals": {"type": "poisson", "rate": "400/s"},
          "reads": 0.7,
          "keys": {"type": "uniform", "count": 10},
          "timeout": "200ms"
        }
      }
      """;

  private final PropertyScenario scenario = new PropertyScenario(BASE);

  private static final Property.Invariant<Store> NO_LOST_WRITE =
      PropertyScenario.judged("no acknowledged write lost", "lost-writes");

  /**
   * An OK read that saw a value certainly older than (or nil instead of) a write acknowledged more
   * than {@code boundNanos} before the read began; null when there is none.
   */
  static String staleAfter(History h, long boundNanos) {
    Map<Long, Integer> writerOf = new TreeMap<>();
    Map<Long, List<Integer>> okWrites = new TreeMap<>();
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == OpKind.WRITE) {
        writerOf.put(h.value(op), op);
        if (h.status(op) == OpStatus.OK) {
          okWrites.computeIfAbsent(h.key(op), k -> new ArrayList<>()).add(op);
        }
      }
    }
    for (int r = 0; r < h.size(); r++) {
      if (h.kind(r) != OpKind.READ || h.status(r) != OpStatus.OK || h.snapshot(r) >= 0) {
        continue;
      }
      Integer seen = h.result(r) == History.NIL ? null : writerOf.get(h.result(r));
      for (int w : okWrites.getOrDefault(h.key(r), List.of())) {
        boolean settled = h.completeNanos(w) + boundNanos < h.invokeNanos(r);
        boolean older =
            seen == null
                || (h.status(seen) == OpStatus.OK && h.completeNanos(seen) < h.invokeNanos(w));
        if (settled && older) {
          return "read "
              + r
              + " of key "
              + h.key(r)
              + " at "
              + h.invokeNanos(r) / MS
              + " ms saw "
              + (seen == null ? "nil" : "write " + seen)
              + ", older than write "
              + w
              + " acknowledged at "
              + h.completeNanos(w) / MS
              + " ms";
        }
      }
    }
    return null;
  }

  private static NemesisConfig crashes() {
    return NemesisConfig.builder(CACHES, RUN_NANOS)
        .kinds(List.of("crash", "cache-flush"))
        .maxDown(1)
        .eventsPerSecond(3, 3)
        .durationNanos(20 * MS, 400 * MS)
        .quietNanos(300 * MS)
        .build();
  }

  @Test
  void writeThroughNeverLosesAcknowledgedWritesUnderRandomCrashes() {
    var property =
        Property.named("write-through: no acknowledged write lost")
            .nemesis(crashes())
            .system(c -> scenario.build(c, List.of("system.policy=write-through")))
            .clients(4)
            .invariant(NO_LOST_WRITE)
            .tries(30)
            .seed(11_000)
            .minShare("crash", 0.25) // in about 60% of cases (docs/writing-a-property.md)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  @Test
  void versionedCacheAsideServesNothingOlderThanAWriteATtlAgo() {
    var property =
        Property.named("versioned cache-aside: nothing older than a write a TTL ago")
            .nemesis(crashes())
            .system(
                c ->
                    scenario.build(
                        c, List.of("system.policy=cache-aside", "system.versioned=true")))
            .clients(4)
            .invariant(
                "no stale read once the TTL passed",
                sim -> staleAfter(sim.history(), TTL_NANOS + 50 * MS))
            .tries(30)
            .seed(12_000)
            .minShare("crash", 0.25) // in about 60% of cases (docs/writing-a-property.md)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  @Test
  void theHarnessFindsWriteBehindLosingWritesAndShrinksItToOneCrash() {
    Property<Store> property =
        Property.named("write-behind: no acknowledged write lost")
            .nemesis(crashes())
            .system(
                c ->
                    scenario.build(
                        c,
                        List.of(
                            "system.policy=write-behind",
                            "system.flushInterval=500ms",
                            "workload.keys.count=100000")))
            .clients(4)
            .invariant(NO_LOST_WRITE)
            .tries(20)
            .seed(13_000)
            .build();
    AssertionError e =
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    assertEquals(1, PropertyScenario.minimalFaultEvents(message), message);
    org.junit.jupiter.api.Assertions.assertTrue(
        message.contains("acknowledged by the write-behind cache"), message);
  }

  @Test
  void withoutVersionsTheRaceOutlivesTheBoundSomewhere() throws java.io.IOException {
    // The invariant is not vacuous: unversioned cache-aside breaks it on the stale-race scenario.
    String name = "cache/cache-aside-stale-race";
    String text;
    try (java.io.InputStream in =
        CachingPropertyTest.class.getResourceAsStream("/catalog/" + name + ".json")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Scenario s = ScenarioReader.read(name, text, List.of());
    Simulation sim = ScenarioRunner.run(s, "test", "test").simulation();
    org.junit.jupiter.api.Assertions.assertNotNull(staleAfter(sim.history(), 10 * MS));
  }
}
