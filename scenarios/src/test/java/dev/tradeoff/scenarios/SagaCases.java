package dev.tradeoff.scenarios;

import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.patterns.Store;
import java.util.List;

/**
 * The cases both saga property tests run: a saga of five products under Poisson load for 5 s of an
 * 8-s run, faults on {@code nodes} up to 4 s before the end, and the saga checkers as invariants,
 * those that judge the settled end only on cases that kept their quiet period. Sagas judged by
 * no-stuck-sagas, atomicity and paid-not-reserved are those started 2.5 s or more before the end,
 * that is every one the load started.
 */
final class SagaCases {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 8_000 * MS;

  /** No faults in the last 4 s; the load stops 3 s before the end, so every saga can end. */
  private static final long QUIET_NANOS = 4_000 * MS;

  private static final long SETTLE_NANOS = 3_000 * MS;

  private static final List<String> CHECKERS =
      List.of(
          "atomicity",
          "money-conserved",
          "stock-never-negative",
          "no-stuck-sagas",
          "paid-not-reserved",
          "double-charge");

  /** Checkers that judge the settled end: each saga ended, all or compensated. */
  private static final List<String> SETTLED =
      List.of("atomicity", "no-stuck-sagas", "paid-not-reserved");

  private static final String TEXT =
      """
      {
        "name": "property/saga",
        "description": "a saga coordinated by %1$s under random faults",
        "observe": "nothing",
        "duration": "5s",
        "drain": "0s",
        "network": {"latency": "shifted(0.2ms, exp(0.3ms))"},
        "system": {"pattern": "saga", "coordination": "%1$s", "stuckAfter": "2.5s",
                   "products": 5, "stock": 200},
        "workload": {
          "arrivals": {"type": "poisson", "rate": "150/s"},
          "reads": 0.2,
          "keys": {"type": "uniform", "count": 20},
          "timeout": "1s"
        },
        "checkers": ["atomicity", "money-conserved", "stock-never-negative", "no-stuck-sagas",
                     "paid-not-reserved", "double-charge"]
      }
      """;

  private final List<String> nodes;
  private final SettlingScenario scenario;

  /**
   * Cases of a saga with {@code coordination} ({@code orchestration} or {@code choreography}) whose
   * faults strike {@code nodes}.
   */
  SagaCases(String coordination, List<String> nodes) {
    this.nodes = List.copyOf(nodes);
    this.scenario = new SettlingScenario(TEXT.formatted(coordination), SETTLE_NANOS, QUIET_NANOS);
  }

  /** Up to two of the nodes down at once, one to three faults a second of 50 to 800 ms. */
  NemesisConfig nemesis(List<String> kinds) {
    return NemesisConfig.builder(nodes, RUN_NANOS)
        .kinds(kinds)
        .maxDown(2)
        .eventsPerSecond(1, 3)
        .durationNanos(50 * MS, 800 * MS)
        .quietNanos(QUIET_NANOS)
        .build();
  }

  /** The sound saga (the catalog's defaults) under {@code kinds}, judged by every saga checker. */
  Property.Builder<Store> sound(String name, List<String> kinds) {
    Property.Builder<Store> b =
        Property.named(name)
            .nemesis(nemesis(kinds))
            .system(c -> scenario.build(c, List.of()))
            .clients(6);
    return scenario.judgedBy(b, CHECKERS, SETTLED);
  }

  /** The saga with {@code sets} applied, under {@code kinds}, with no invariant yet. */
  Property.Builder<Store> with(String name, List<String> kinds, List<String> sets) {
    return Property.named(name)
        .nemesis(nemesis(kinds))
        .system(c -> scenario.build(c, sets))
        .clients(6);
  }
}
