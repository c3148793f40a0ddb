package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.reports.HtmlPage;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.Story;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roles published through {@code Recorder.state} by the patterns beyond leader/follower, on their
 * catalog scenarios: a log's brokers lead partitions and hand them over when one crashes; every
 * multi-leader leader accepts writes at once, with conflict windows inside; a cache marks its
 * write-behind flushes, a {@code cache-flush} fault, invalidations and expiries. The page draws
 * them on the timeline.
 */
class PatternRolesScenarioTest {
  private static final long S = 1_000_000_000L;

  private static RunReport run(String name) {
    return ScenarioRunner.run(StoryScenarioTest.scenario(name), "replay", "test").report();
  }

  private static List<Story.Role> roles(RunReport r, String lane, String track) {
    return r.story().roles().stream()
        .filter(x -> x.lane().equals(lane) && x.track().equals(track))
        .toList();
  }

  @Test
  void logBrokersLeadPartitionsAndTheCrashedOnesPartitionsMove() {
    RunReport r = run("messaging/acks-one-loses-tail");
    List<Story.Role> first = roles(r, "log-broker-0", "role");
    assertFalse(first.isEmpty(), () -> "broker 0 leads nothing: " + r.story().roles());
    Story.Role led = first.get(0);
    assertTrue(led.state().startsWith("leader of events-"), led::toString);
    // Broker 0 crashes at 8 s: its leadership ends by then.
    assertTrue(led.endNanos() <= 8 * S, led::toString);
    String partition = led.state().substring("leader of ".length()).split(", ")[0];
    boolean taken =
        r.story().roles().stream()
            .anyMatch(
                x ->
                    !x.lane().equals("log-broker-0")
                        && x.track().equals("role")
                        && x.startNanos() >= 7 * S
                        && List.of(x.state().substring("leader of ".length()).split(", "))
                            .contains(partition));
    assertTrue(taken, () -> partition + " was not taken over: " + r.story().roles());
    for (String b : List.of("log-broker-1", "log-broker-2")) {
      assertFalse(roles(r, b, "role").isEmpty(), b + " leads a partition");
    }
    assertTrue(HtmlPage.render(r, List.of()).contains("leader of events-"));
  }

  @Test
  void everyMultiLeaderAcceptsWritesWithConflictWindowsInside() {
    RunReport r = run("replication/multi-leader-lww-skew");
    for (String leader : List.of("leader-0", "leader-1", "leader-2")) {
      List<Story.Role> accepting = roles(r, leader, "role");
      assertEquals(1, accepting.size(), () -> leader + ": " + accepting);
      assertEquals("leader, accepting writes", accepting.get(0).state());
      assertEquals(0, accepting.get(0).startNanos());
      List<Story.Role> conflicts = roles(r, leader, "conflicts");
      assertFalse(conflicts.isEmpty(), leader + " found concurrent writes");
      for (Story.Role c : conflicts) {
        assertTrue(c.endNanos() - c.startNanos() >= 100_000_000L, c::toString);
        assertTrue(c.endNanos() <= accepting.get(0).endNanos(), c::toString);
      }
    }
    assertTrue(HtmlPage.render(r, List.of()).contains("data-track=\"conflicts\""));
  }

  @Test
  void aWriteBehindCacheMarksItsFlushesUntilItCrashes() {
    RunReport r = run("cache/write-behind-loss");
    List<Story.Role> flushes = roles(r, "cache-0", "cache");
    assertTrue(flushes.size() >= 5, flushes::toString);
    for (Story.Role f : flushes) {
      assertTrue(f.state().matches("flushed \\d+ writes to the database"), f::toString);
      assertTrue(f.startNanos() < 5_500_000_000L || f.startNanos() >= 6 * S, "none while down");
    }
    // The flushes come a second apart, as flushInterval says.
    long gap = flushes.get(1).startNanos() - flushes.get(0).startNanos();
    assertTrue(Math.abs(gap - S) < 10_000_000L, "gap " + gap);
    assertTrue(HtmlPage.render(r, List.of()).contains("data-track=\"cache\""));
  }

  @Test
  void aCacheFlushFaultIsMarkedWhenItHits() {
    RunReport r = run("cache/cold-cache-db-overload");
    List<Story.Role> flushes = roles(r, "cache-0", "cache");
    assertEquals(1, flushes.size(), flushes::toString);
    assertEquals("memory flushed", flushes.get(0).state());
    assertEquals(6 * S, flushes.get(0).startNanos());
    List<Story.Role> invalidations = roles(r, "cache-0", "invalidations");
    assertFalse(invalidations.isEmpty());
    assertTrue(invalidations.size() <= Stories.MAX_SPANS_PER_TRACK);
    // Spread over the run, not only its first second.
    assertTrue(invalidations.get(invalidations.size() - 1).startNanos() > 6 * S);
  }

  @Test
  void aStampedesExpiriesAreMarked() {
    RunReport r = run("cache/stampede-single-flight");
    List<Story.Role> expiries = roles(r, "cache-0", "expiries");
    assertFalse(expiries.isEmpty());
    for (Story.Role e : expiries) {
      assertTrue(e.state().matches("key \\d+ expired"), e::toString);
      assertTrue(e.startNanos() >= S, "the TTL is 1 s: nothing expires before " + e);
    }
  }
}
