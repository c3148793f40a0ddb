package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * migration/strangler-fig keeps the word its observe text gives about the variants it names with
 * {@code --set}; the shipped variant's claims are the scenario's own expectations, which the
 * catalog test holds on seeds 1..10. Only the migration checker runs here, to keep the test fast.
 */
class StranglerFigScenarioTest {
  private static final String NAME = "migration/strangler-fig";
  private static final String CHECKERS = "checkers=[\"migration\"]";

  @Test
  void aRelayWithoutCaptureDelayKeepsUpAndNoReadIsStale() throws IOException {
    holdOnSeedsOneToTen(
        NAME,
        List.of("system.cdcDelay=0s", CHECKERS),
        "violations(migration) <= 1",
        "last(strangler/shadow-mismatches) > 50",
        "last(strangler/shadow-mismatches) < 100");
  }

  @Test
  void dualWritesLeaveTheKeysTheIsolationCaughtApartForGood() throws IOException {
    holdOnSeedsOneToTen(
        NAME,
        List.of("system.sync=dual-write", CHECKERS),
        "last(strangler/dual-write-failures) > 400",
        "violations(migration) > 20",
        "violations(migration) < 80",
        "last(strangler/shadow-mismatches) > 140",
        "last(strangler/shadow-mismatches) < 220");
  }
}
