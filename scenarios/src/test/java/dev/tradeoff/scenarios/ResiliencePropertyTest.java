package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Recovery;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.faults.Coverage;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service at 80% load under random slowdowns (up to ten times, for up to 4 s): with a retry
 * budget, deadlines carried to the server and expired requests dropped, goodput is back within 10 s
 * of the last fault on every case; with naive retries the harness finds a metastable case and
 * shrinks it to a single slowdown. The same holds for two instances behind a health-checked
 * balancer under slowdowns, crashes (the harness never takes every node down, hence two) and load
 * bursts to their capacity throughout: naive retries are found metastable after one fault, and the
 * mitigated configuration recovers on every case, crashes included.
 */
class ResiliencePropertyTest {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 30_000 * MS;

  private static final String BASE =
      """
      {
        "name": "property/resilience",
        "description": "a service under random slowdowns and crashes",
        "observe": "nothing",
        "duration": "30s",
        "drain": "2s",
        "network": {"latency": "0.5ms"},
        "system": {
          "pattern": "resilient-client", "attemptTimeout": "250ms", "deadline": "1s",
          "attempts": 4, "backoffBase": "10ms", "backoffMax": "200ms", "recoveryWithin": "10s",
          "backend": {"pattern": "service", "queue": 2000, "service": "exp(1ms)"}
        },
        "workload": {
          "arrivals": {"type": "poisson", "rate": "800/s"},
          "keys": {"type": "uniform", "count": 1000},
          "timeout": "2s"
        },
        "checkers": ["recovery"]
      }
      """;

  private final PropertyScenario scenario = new PropertyScenario(BASE);

  private static NemesisConfig nemesis() {
    return NemesisConfig.builder(List.of("svc-0"), RUN_NANOS)
        .kinds(List.of("slow-node"))
        .maxDown(0)
        .eventsPerSecond(0.1, 0.5)
        .durationNanos(500 * MS, 4_000 * MS)
        .maxSlowFactor(10)
        .quietNanos(15_000 * MS)
        .build();
  }

  /** The recovery checker's complaint about the run, told when its case's last fault ended. */
  private static String metastable(Run<Store> run) {
    long lastFaultEndNanos = 0;
    for (FaultEvent e : run.trial().schedule().events()) {
      lastFaultEndNanos = Math.max(lastFaultEndNanos, e.endNanos());
    }
    Recovery recovery = new Recovery(1_000 * MS, 10_000 * MS, 0, 1_000 * MS);
    recovery.lastFaultEndedAt(lastFaultEndNanos);
    CheckResult r = recovery.check(run.simulation().history());
    return r.verdict() == Verdict.INVALID ? r.toString() : null;
  }

  @Test
  void budgetsDeadlinesAndSheddingRecoverAfterEveryRandomTrigger() {
    var property =
        Property.named("budget + deadline shedding: goodput back within 10 s of the last fault")
            .nemesis(nemesis())
            .system(
                c ->
                    scenario.build(
                        c, List.of("system.budget=true", "system.backend.dropExpired=true")))
            .clients(16)
            .invariantOn("recovers", ResiliencePropertyTest::metastable)
            .tries(20)
            .seed(21_000)
            .minShare("slow-node", 0.3)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  /**
   * Two instances behind a health-checked balancer, at 80% load with bursts to their capacity (a
   * quarter more, for 1 s of every 5) through the whole run, quiet period included; the harness
   * never takes every node down, so crashes need a second instance.
   */
  private static final List<String> TWO_INSTANCES_BURSTS =
      List.of(
          "system.backend.instances=2",
          "system.backend.balancer=two-choices",
          "system.backend.healthInterval=100ms",
          "workload.arrivals={\"type\": \"bursts\", \"rate\": \"1600/s\", \"factor\": 1.25,"
              + " \"period\": \"5s\", \"burst\": \"1s\"}");

  private static NemesisConfig slowdownsAndCrashes() {
    return NemesisConfig.builder(List.of("svc-0", "svc-1"), RUN_NANOS)
        .kinds(List.of("slow-node", "crash"))
        .maxDown(1)
        .eventsPerSecond(0.1, 0.5)
        .durationNanos(500 * MS, 4_000 * MS)
        .maxSlowFactor(10)
        .quietNanos(15_000 * MS)
        .build();
  }

  @Test
  void budgetsDeadlinesAndSheddingRecoverAfterSlowdownsAndCrashesUnderBurstsToCapacity() {
    // Once a finding: seeds 23000 and 23037 (of these 40) kept goodput just under 90% of the
    // offered load for over 10 s after crashes of one instance. The clients' balancers still
    // counted the requests the crash had lost as outstanding there, so two-choices kept sending
    // nearly everything to the other instance; a health answer now tells them it restarted.
    List<String> sets = new java.util.ArrayList<>(TWO_INSTANCES_BURSTS);
    sets.add("system.budget=true");
    sets.add("system.backend.dropExpired=true");
    var property =
        Property.named("budget + deadline shedding under bursts: goodput back within 10 s")
            .nemesis(slowdownsAndCrashes())
            .system(c -> scenario.build(c, sets))
            .clients(16)
            .invariantOn("recovers", ResiliencePropertyTest::metastable)
            .tries(40)
            .seed(23_000)
            // The nemesis brings a crash into about half the cases; a minimum of half failed on
            // fresh seeds (17 of 40 from base seed 33107). A fifth still proves crashes exercised
            // and falls short by chance about once in a thousand base seeds.
            .minShare("crash", 0.2)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  @Test
  void naiveRetriesUnderTheSameSlowdownsCrashesAndBurstsAreFoundMetastable() {
    Property<Store> property =
        Property.named("naive retries under bursts: goodput back within 10 s")
            .nemesis(slowdownsAndCrashes())
            .system(c -> scenario.build(c, TWO_INSTANCES_BURSTS))
            .clients(16)
            .invariantOn("recovers", ResiliencePropertyTest::metastable)
            .tries(20)
            .seed(23_000)
            .build();
    // Without faults the same load recovers (there is nothing to recover from): one fault it needs.
    String message = PropertyScenario.failsWithin(property, 1);
    assertTrue(message.contains("metastable: goodput stayed below 90%"), message);
    PropertyScenario.assumeOwnSeed();
    assertEquals(1, PropertyScenario.minimalFaultEvents(message), message);
  }

  @Test
  void naiveRetriesAreFoundMetastableAndShrunkToOneSlowdown() {
    Property<Store> property =
        Property.named("naive retries: goodput back within 10 s of the last fault")
            .nemesis(nemesis())
            .system(c -> scenario.build(c, List.of()))
            .clients(16)
            .invariantOn("recovers", ResiliencePropertyTest::metastable)
            .tries(20)
            .seed(22_000)
            .build();
    String message = PropertyScenario.failsWithin(property, 1);
    assertTrue(message.contains("metastable: goodput stayed below 90%"), message);
    PropertyScenario.assumeOwnSeed();
    assertTrue(PropertyScenario.minimalCase(message).contains("slow-node svc-0"), message);
  }
}
