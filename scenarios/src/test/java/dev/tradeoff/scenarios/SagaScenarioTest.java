package dev.tradeoff.scenarios;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The saga catalog scenarios keep the word of their observe texts for the variants they name, on
 * seeds 1 to 10 (the shipped configurations are judged by {@link ScenarioCatalogTest}; the same
 * claims hold on seeds 11 to 20, checked with {@code tradeoff run … --seeds 11..20}).
 */
class SagaScenarioTest {
  @Test
  void aSagaLogInMemoryForgetsTheSagasInFlightAtTheOrchestratorCrash() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/orchestrated-compensation",
        List.of("system.durableLog=false"),
        "violations(no-stuck-sagas) > 30",
        "violations(atomicity) > 0");
  }

  @Test
  void withoutIdempotencyKeysRetriedChargesChargeTwiceAndRefusedRetriesReleasePaidStock()
      throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/idempotency-keys",
        List.of("system.idempotencyKeys=false"),
        "violations(double-charge) > 30",
        "violations(atomicity) > 0",
        "violations(paid-not-reserved) >= 1",
        "violations(money-conserved) == 0");
  }

  @Test
  void theSameCoordinatorCrashUnderASagaStopsItsOwnSagasButBlocksNoOne() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/vs-2pc-coordinator-crash",
        List.of(
            "system.pattern=saga",
            "checkers=[\"atomicity\", \"money-conserved\", \"stock-never-negative\","
                + " \"paid-not-reserved\", \"double-charge\", \"no-stuck-sagas\"]"),
        "violations(no-stuck-sagas) == 0",
        "violations(atomicity) == 0",
        "violations(money-conserved) == 0",
        "violations(stock-never-negative) == 0",
        "violations(paid-not-reserved) == 0",
        "violations(double-charge) == 0",
        "mean(completed/shop during 9s..13s) > 35/s",
        "min(sagas-forward/shop during 9s..13s) >= 1",
        "p50(write) > 8.5ms",
        "p99(write) < 20ms");
  }

  @Test
  void aReplicatedDecisionLogLetsAnotherCoordinatorFinishTheProtocolWithinASecond()
      throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/vs-2pc-coordinator-crash",
        List.of(
            "system.decisionLog={\"pattern\": \"leader-follower\", \"name\": \"shop-log\","
                + " \"mode\": \"semi-sync\", \"failover\": true}",
            "checkers=[\"atomicity\", \"money-conserved\", \"stock-never-negative\","
                + " \"paid-not-reserved\", \"double-charge\", \"lost-writes\"]"),
        "max(oldest-lock/shop during 8s..13s) < 1.1s",
        "mean(lock-timeouts/shop during 9s..13s) < 6/s",
        "mean(committed/shop during 10s..13s) > 30/s",
        "violations(atomicity) == 0",
        "violations(money-conserved) == 0",
        "violations(lost-writes) == 0",
        "p50(write) > 6ms");
  }

  @Test
  void choreographedServicesThatDoNotDeduplicateEventsChargeTwiceUnderRedelivery()
      throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/choreography",
        List.of("system.idempotencyKeys=false"),
        "violations(double-charge) > 5",
        "violations(atomicity) > 0",
        "violations(money-conserved) == 0");
  }

  @Test
  void withoutAnOutboxTheEventsOfACrashedServiceAreLostAndTheirSagasStuck() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/choreography",
        List.of("system.outbox=false"),
        "violations(no-stuck-sagas) > 5",
        "violations(atomicity) > 5");
  }

  @Test
  void aSemanticLockRemovesTheDirtyReadsAndRefusesReadsInstead() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/lack-of-isolation",
        List.of("system.semanticLock=true"),
        "violations(dirty-reads) == 0",
        "violations(lost-updates) == 0",
        "violations(atomicity) == 0",
        "fail(read) > 30",
        "mean(refused-reads/saga during 0s..12s) > 2/s",
        "p50(write) < 20ms");
  }

  @Test
  void aReservationWrittenFromAStaleReadLosesUpdatesAndAReReadKeepsThem() throws IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/lack-of-isolation",
        List.of("system.stockUpdate=read-then-write"),
        "violations(lost-updates) > 10",
        "violations(stock-never-negative) == 0");
    CachingScenarioTest.holdOnSeedsOneToTen(
        "saga/lack-of-isolation",
        List.of("system.stockUpdate=reread"),
        "violations(lost-updates) == 0");
  }
}
