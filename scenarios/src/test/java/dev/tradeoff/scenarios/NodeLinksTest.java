package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scenario's {@code network.nodeLinks} override one directed link between two nodes: its latency,
 * its loss and its duplication, leaving every other link as the zones and the global rates have it.
 * Shown on replication/read-replica-lag without its stall, where follower lag reads the leader's
 * links to each follower.
 */
class NodeLinksTest {
  private static final String NAME = "replication/read-replica-lag";
  private static final String NO_STALL = "faults={}";

  @Test
  void aLinkOverrideChangesOnlyItsOwnLink() throws IOException {
    // Without overrides both followers stay a few ms behind.
    holdOnSeedsOneToTen(
        NAME,
        List.of(NO_STALL),
        "mean(lag/db-1 during 2s..20s) < 5ms",
        "max(lag/db-2 during 15s..20s) < 30ms");
    // Every message from the leader to db-2 lost: db-2 applies nothing all run; 40 ms more on the
    // way to db-1 put it about that far behind; the link back from db-1 is untouched.
    holdOnSeedsOneToTen(
        NAME,
        List.of(
            NO_STALL,
            "network.nodeLinks=[{\"from\": \"db-0\", \"to\": \"db-2\", \"loss\": 1},"
                + " {\"from\": \"db-0\", \"to\": \"db-1\", \"latency\": \"const(40ms)\"}]"),
        "min(lag/db-2 during 15s..20s) > 10s",
        "mean(lag/db-1 during 2s..20s) > 25ms",
        "mean(lag/db-1 during 2s..20s) < 60ms");
  }
}
