package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Coverage;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CQRS on the log under random faults, with the fault harness: an outbox with an idempotent read
 * model loses no event, applies none twice and converges to the fold of the log once the faults
 * end, whatever crashes, pauses, partitions, message loss, clogged links and clock jumps hit its
 * services, projectors, read model and brokers; a naive read model and a dual write each fail, and
 * the harness shrinks the failure to one or two faults. The controller is never faulted: it is one
 * node, as in the log's own property.
 */
class CqrsPropertyTest {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 12_000 * MS;
  private static final long QUIET_NANOS = 4_000 * MS;

  /** The workload stops this long before the run ends, so the projection can catch up. */
  private static final long SETTLE_NANOS = 2_000 * MS;

  private static final List<String> NODES =
      List.of(
          "cqrs-service-0",
          "cqrs-service-1",
          "cqrs-projector-0",
          "cqrs-projector-1",
          "cqrs-readmodel",
          "cqrs-broker-0",
          "cqrs-broker-1",
          "cqrs-broker-2");

  private static final String BASE =
      """
      {
        "name": "property/cqrs",
        "description": "services, a log, projectors and a read model under random faults",
        "observe": "nothing",
        "duration": "6s",
        "drain": "0s",
        "interval": "250ms",
        "network": {"latency": "shifted(0.2ms, exp(0.3ms))"},
        "system": {
          "pattern": "cqrs", "services": 2, "publish": "outbox", "consumer": "idempotent",
          "projectors": 2, "partitions": 6, "acks": "all", "sessionTimeout": "1s",
          "settle": "2s"
        },
        "workload": {
          "arrivals": {"type": "poisson", "rate": "300/s"},
          "reads": 0.3,
          "keys": {"type": "uniform", "count": 50},
          "timeout": "1s"
        },
        "checkers": ["lost-events"]
      }
      """;

  // cases shorter than half a run are not judged settled: too little was written before the settle
  private static final SettlingScenario SCENARIO =
      new SettlingScenario(BASE, SETTLE_NANOS, QUIET_NANOS, RUN_NANOS / 2);

  private static Run<Store> build(Case c, List<String> sets) {
    return SCENARIO.build(c, sets);
  }

  /** The run's checker {@code checker} as the invariant {@code name}: a violation breaks it. */
  private static Property.Invariant<Store> violation(String name, String checker) {
    return PropertyScenario.judged(name, checker);
  }

  /** After the quiet period the read model equals the fold of the final log. */
  private static String converged(Run<Store> run) {
    if (!SCENARIO.settled(run.trial())) {
      return null; // a shrunk case without the quiet period the promise needs
    }
    return PropertyScenario.invalid(run, "read-model-convergence");
  }

  private static NemesisConfig nemesis(List<String> nodes, List<String> kinds, int maxDown) {
    return NemesisConfig.builder(nodes, RUN_NANOS)
        .kinds(kinds)
        .maxDown(maxDown)
        .eventsPerSecond(1, 3)
        .durationNanos(50 * MS, 1_500 * MS)
        .quietNanos(QUIET_NANOS)
        .build();
  }

  @Test
  void anOutboxWithAnIdempotentReadModelLosesNothingAppliesNothingTwiceAndConverges() {
    Property<Store> property =
        Property.named("outbox + idempotent read model: no lost event, no duplicate, converges")
            .nemesis(
                nemesis(
                    NODES, List.of("crash", "partition", "pause", "loss", "clog", "clock-skew"), 2))
            .system(c -> build(c, List.of()))
            .clients(4)
            .invariant(violation("no committed change lost", "lost-events"))
            .invariant(violation("no effect applied twice", "duplicate-effects"))
            .invariant(violation("no phantom event", "phantom-events"))
            .invariantOn("the read model converges after the faults", CqrsPropertyTest::converged)
            .tries(100)
            .seed(31_000)
            .minShare("crash", 0.2)
            .minShare("partition", 0.2)
            .minShare("pause", 0.2)
            .build();
    Coverage coverage = property.check();
    System.out.println(coverage);
    assertEquals(property.tries(), coverage.cases());
  }

  /** Runs {@code property}, which must fail, and returns its message and the shrunk size. */
  private static Shrunk failing(Property<Store> property) {
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    System.out.println(message);
    Matcher events =
        Pattern.compile("minimal schedule \\(seed .*?, (\\d+) of \\d+ events\\)").matcher(message);
    assertTrue(events.find(), message);
    return new Shrunk(message, Integer.parseInt(events.group(1)));
  }

  private record Shrunk(String message, int events) {}

  @Test
  void theHarnessFindsANaiveReadModelApplyingRedeliveriesTwiceAndShrinksIt() {
    Property<Store> property =
        Property.named("naive read model: no effect applied twice")
            .nemesis(nemesis(List.of("cqrs-projector-0", "cqrs-projector-1"), List.of("crash"), 1))
            .system(c -> build(c, List.of("system.consumer=naive")))
            .clients(4)
            .invariant(violation("no effect applied twice", "duplicate-effects"))
            .tries(40)
            .seed(32_000)
            .build();
    Shrunk shrunk = failing(property);
    assertTrue(shrunk.message().contains(" times: by "), shrunk.message());
    PropertyScenario.assumeOwnSeed();
    assertTrue(shrunk.events() >= 1 && shrunk.events() <= 2, shrunk.message());
    assertTrue(shrunk.message().contains("crash cqrs-projector-"), shrunk.message());
  }

  @Test
  void theHarnessFindsADualWriteLosingEventsAndShrinksItToOneServiceCrash() {
    Property<Store> property =
        Property.named("dual write: no committed change lost")
            .nemesis(nemesis(List.of("cqrs-service-0", "cqrs-service-1"), List.of("crash"), 1))
            .system(c -> build(c, List.of("system.publish=dual-write")))
            .clients(4)
            .invariant(violation("no committed change lost", "lost-events"))
            .tries(40)
            .seed(33_000)
            .build();
    Shrunk shrunk = failing(property);
    assertTrue(shrunk.message().contains("the log never received it"), shrunk.message());
    PropertyScenario.assumeOwnSeed();
    assertTrue(shrunk.events() >= 1 && shrunk.events() <= 2, shrunk.message());
  }
}
