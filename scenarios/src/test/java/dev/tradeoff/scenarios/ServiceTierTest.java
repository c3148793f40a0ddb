package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code service} tier with a nested {@code backend} (a single-node database slowed five times
 * for 5 s) behind a {@code resilient-client} layer: the tier forwards with what is left of each
 * deadline, drops requests that expired while waiting for it, stays linearizable (it adds no state)
 * and recovers when the database does, on seeds 1 to 10.
 */
class ServiceTierTest {
  private static final String TIER =
      """
      {
        "name": "test/tier",
        "description": "a service tier in front of a database",
        "observe": "nothing",
        "seed": 1,
        "duration": "20s",
        "network": {"latency": "0.5ms"},
        "system": {
          "pattern": "resilient-client", "attemptTimeout": "250ms", "deadline": "1s", "attempts": 3,
          "backend": {
            "pattern": "service", "instances": 2, "balancer": "least-outstanding", "concurrency": 8,
            "queue": 100, "service": "exp(0.2ms)", "dropExpired": true, "backendTimeout": "500ms",
            "backend": {"pattern": "single-node", "name": "db", "workers": 1, "queue": 1000, "service": "exp(1ms)"}
          }
        },
        "workload": {
          "clients": 8,
          "arrivals": {"type": "poisson", "rate": "500/s"},
          "keys": {"type": "uniform", "count": 100},
          "timeout": "2s"
        },
        "faults": {"schedule": [{"at": "5s", "duration": "5s", "fault": {"type": "slow-node", "node": "db", "factor": 5}}]},
        "checkers": ["recovery", "linearizability"],
        "expectations": [
          "violations(recovery) == 0", "violations(linearizability) == 0",
          "max(svc/expired during 5s..11s) > 100/s", "max(client/retries-per-request during 12s..20s) < 0.05"
        ]
      }
      """;

  @Test
  void aTierInFrontOfADatabaseShedsExpiredWorkStaysLinearizableAndRecovers() {
    List<Long> seeds = SweepPlan.seeds("1..10");
    SeedRuns runs =
        SeedRuns.run(
            seed -> ScenarioReader.read("tier", TIER, List.of("seed=" + seed)),
            seeds,
            seed -> "tier --seed " + seed,
            "test");
    assertEquals(Verdict.VALID, runs.verdict(), runs.summary());
  }
}
