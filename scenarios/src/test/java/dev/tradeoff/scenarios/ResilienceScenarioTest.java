package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resilience catalog scenarios keep the word of their observe texts for the variants they name,
 * on seeds 1 to 10 (the shipped configurations are judged by {@link ScenarioCatalogTest}).
 */
class ResilienceScenarioTest {
  @Test
  void theBudgetAloneLeavesTheStaleQueueToDrainSlowlyAndTheRunIsMetastable() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/retry-budget-recovers",
        List.of("system.backend.dropExpired=false"),
        "violations(recovery) > 0");
  }

  @Test
  void droppingExpiredRequestsAloneRecoversButRetriesFreelyDuringTheSpike() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/retry-budget-recovers",
        List.of("system.budget=false"),
        "violations(recovery) == 0",
        "mean(client/retries-per-request during 12s..20s) > 2");
  }

  @Test
  void withoutABreakerTheOutageCostsRetriesAndUnknownOutcomes() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/circuit-breaker",
        List.of("system.breaker=false"),
        "mean(client/attempts during 12s..20s) > 1000/s",
        "info(read) > 2000",
        "fail(read) == 0");
  }

  @Test
  void lifoKeepsGoodputAndStarvesTheOldest() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/load-shedding",
        List.of("system.backend.discipline=lifo"),
        "mean(client/goodput during 6s..30s) > 900/s",
        "p50(read) < 10ms",
        "info(read) > 5000");
  }

  @Test
  void codelKeepsGoodputAndAShortQueueAndRefusesTheExcessAtOnce() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/load-shedding",
        List.of("system.backend.discipline=codel"),
        "mean(client/goodput during 6s..30s) > 900/s",
        "max(svc/queue during 6s..30s) < 200",
        "info(read) == 0",
        "p99(read) < 150ms");
  }

  @Test
  void adaptiveLifoKeepsGoodputWithAShortMedian() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/load-shedding",
        List.of("system.backend.discipline=adaptive-lifo"),
        "mean(client/goodput during 6s..30s) > 900/s",
        "p50(read) < 10ms");
  }

  /** The slow svc-0 of the scenario, and a crash of the healthy svc-1 for 300 ms at 10 s. */
  private static final String SLOW_AND_CRASH =
      "faults={\"schedule\": ["
          + "{\"at\": \"0s\", \"duration\": \"32s\","
          + " \"fault\": {\"type\": \"slow-node\", \"node\": \"svc-0\", \"factor\": 4}},"
          + "{\"at\": \"10s\", \"duration\": \"300ms\","
          + " \"fault\": {\"type\": \"crash\", \"node\": \"svc-1\","
          + " \"loseUnsyncedWrites\": false}}]}";

  @Test
  void aHealthAnswerTellsTwoChoicesThatACrashedInstanceRestartedAndItsLoadComesBack()
      throws IOException {
    // The crash loses the requests svc-1 held, which the clients counted as outstanding there.
    // With health checks the first answer after the restart shows a new incarnation and the count
    // starts again, so svc-1 takes its share (about 85% busy, as before the crash) ...
    holdOnSeedsOneToTen(
        "resilience/power-of-two-choices",
        List.of(
            "system.backend.balancer=two-choices",
            "system.backend.healthInterval=100ms",
            SLOW_AND_CRASH),
        "mean(cpu.utilisation/svc-1 during 12s..30s) > 80%",
        "mean(client/goodput during 12s..30s) > 1350/s");
    // ... without them the lost requests stay counted and two-choices keeps svc-1 underused.
    holdOnSeedsOneToTen(
        "resilience/power-of-two-choices",
        List.of("system.backend.balancer=two-choices", SLOW_AND_CRASH),
        "mean(cpu.utilisation/svc-1 during 12s..30s) < 65%");
  }

  @Test
  void leastOutstandingAvoidsTheSlowInstanceButLoadsTheLowestIndexFirst() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/power-of-two-choices",
        List.of("system.backend.balancer=least-outstanding"),
        "mean(client/goodput during 5s..30s) > 1350/s",
        "max(svc/shed during 5s..30s) == 0",
        "fail(read) == 0",
        "info(read) == 0",
        "mean(cpu.utilisation/svc-1 during 5s..30s) > 95%",
        "mean(cpu.utilisation/svc-3 during 5s..30s) < 75%",
        "p50(read) > 12ms");
  }

  @Test
  void twoChoicesAvoidsTheSlowInstanceAndSpreadsTheRest() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/power-of-two-choices",
        List.of("system.backend.balancer=two-choices"),
        "mean(client/goodput during 5s..30s) > 1350/s",
        "max(svc/shed during 5s..30s) == 0",
        "fail(read) == 0",
        "info(read) == 0",
        "mean(cpu.utilisation/svc-1 during 5s..30s) < 92%",
        "mean(cpu.utilisation/svc-3 during 5s..30s) > 78%",
        "p50(read) < 12ms");
  }

  @Test
  void aHealthCheckStopsRandomFromFeedingTheSlowInstance() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/power-of-two-choices",
        List.of("system.backend.healthInterval=100ms", "system.backend.healthMaxWait=50ms"),
        "mean(client/goodput during 5s..30s) > 1350/s",
        "max(svc/ejected during 5s..30s) > 0");
  }

  @Test
  void withoutHedgingTheTailIsLongAndNoAttemptIsExtra() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/hedged-requests",
        List.of("system.hedgeDelay=0s"),
        "mean(client/attempts during 5s..30s) < 1050/s",
        "p99(read) > 14ms",
        "p999(read) > 30ms",
        "p99(write) > 14ms",
        "p999(write) > 28ms");
  }

  @Test
  void hedgingAtTheMedianCutsTheTailFurtherForHalfAsManyAttemptsAgain() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/hedged-requests",
        List.of("system.hedgeDelay=2ms"),
        "mean(client/attempts during 5s..30s) > 1400/s",
        "p99(read) < 8ms",
        "p99(write) < 8ms");
  }

  @Test
  void retryingAtTheOuterLayerOnlyKeepsTheDatabaseNearThreeAttemptsPerRequest() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/retry-amplification-layers",
        List.of(
            "system.backend.backend.attempts=1",
            "system.backend.backend.backend.backend.attempts=1"),
        "mean(client/attempts during 12s..20s) > 250/s",
        "mean(dbc/attempts during 12s..20s) < 350/s",
        "mean(client/goodput during 24s..30s) > 80/s");
  }

  @Test
  void belowCapacityTheSameSystemServesWhatItIsOffered() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/goodput-collapse",
        List.of("workload.arrivals.rate=800/s"),
        "mean(client/goodput during 6s..30s) > 770/s",
        "max(client/retries-per-request during 6s..30s) < 0.05",
        "max(svc/wasted during 6s..30s) == 0");
  }

  @Test
  void controlledDelayHoldsGoodputAtCapacityFarPastIt() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/goodput-collapse",
        List.of("system.backend.discipline=codel", "workload.arrivals.rate=1600/s"),
        "mean(client/goodput during 6s..30s) > 950/s",
        "mean(svc/wasted during 6s..30s) < 10/s");
  }

  @Test
  void aBudgetAndDroppingExpiredWorkDegradeInsteadOfCollapsing() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/goodput-collapse",
        List.of("system.budget=true", "system.backend.dropExpired=true"),
        "mean(client/goodput during 6s..30s) > 600/s",
        "max(client/retries-per-request during 6s..30s) < 0.15");
  }

  @Test
  void theCurveRisesToCapacityAndFallsOffACliffJustPastIt() throws IOException {
    holdOnSeedsOneToTen(
        "resilience/goodput-collapse",
        List.of("workload.arrivals.rate=950/s"),
        "mean(client/goodput during 6s..30s) > 900/s");
    holdOnSeedsOneToTen(
        "resilience/goodput-collapse",
        List.of("workload.arrivals.rate=1100/s"),
        "mean(client/goodput during 6s..30s) < 150/s");
  }
}
