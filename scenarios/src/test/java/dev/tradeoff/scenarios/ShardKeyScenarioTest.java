package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * migration/shard-key keeps the word its observe text gives about skipping the verify or the
 * backfill ({@code --set}): the same faults, and the migration checker finds the stale and the
 * missing reads; with every phase (the scenario's own expectations, held by the catalog test) it
 * finds none. Only the migration checker runs here, to keep the test fast.
 */
class ShardKeyScenarioTest {
  private static final String NAME = "migration/shard-key";
  private static final String CHECKERS = "checkers=[\"migration\"]";

  @Test
  void withoutTheVerifyTheBackfillsLostUpdatesAndTheDirtyKeysShowAsStaleReads() throws IOException {
    holdOnSeedsOneToTen(
        NAME,
        List.of("system.verify=false", CHECKERS),
        "violations(migration) > 5",
        "violations(migration) < 100",
        "last(shard-key/repaired) == 0",
        "last(shard-key/dirty-keys) > 5");
  }

  @Test
  void withoutTheBackfillTheVerifyReportsMissingKeysAndReadsReturnNothing() throws IOException {
    holdOnSeedsOneToTen(
        NAME,
        List.of("system.backfill=false", CHECKERS),
        "last(shard-key/missing) > 100",
        "last(shard-key/missing) < 200",
        "violations(migration) > 100",
        "violations(migration) < 300");
  }
}
