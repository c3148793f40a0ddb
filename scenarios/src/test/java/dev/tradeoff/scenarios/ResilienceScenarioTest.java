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
}
