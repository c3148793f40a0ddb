package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Simulation;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Staleness;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.metrics.OpMetrics;
import dev.tradeoff.core.metrics.Series;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caching catalog scenarios show what they claim, and the variants they name. */
class CachingScenarioTest {
  private static String text(String name) throws IOException {
    try (InputStream in =
        CachingScenarioTest.class.getResourceAsStream("/catalog/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ScenarioRunner.Run run(String name, String... sets) throws IOException {
    Scenario s = ScenarioReader.read(name, text(name), List.of(sets));
    return ScenarioRunner.run(s, "test", "test");
  }

  private static long violations(ScenarioRunner.Run r, String checker) {
    CheckResult c =
        r.report().checks().stream()
            .filter(x -> x.checker().equals(checker))
            .findFirst()
            .orElseThrow();
    assertTrue(c.verdict() != Verdict.UNKNOWN, c.toString());
    return c.violations();
  }

  private static void expectationsHold(RunReport r) {
    for (ExpectationResult e : r.expectations()) {
      assertEquals(
          Verdict.VALID, e.outcome(), r.scenarioName() + ": " + e.text() + " -> " + e.observed());
    }
  }

  private static Series series(ScenarioRunner.Run r, String name) {
    return r.simulation().metrics().series(name);
  }

  /** The sum of series {@code name} over all intervals. */
  private static double total(ScenarioRunner.Run r, String name) {
    Series s = series(r, name);
    double sum = 0;
    for (int i = 0; i < s.intervals(); i++) {
      sum += s.count(i) == 0 ? 0 : s.last(i);
    }
    return sum;
  }

  /** The largest value series {@code name} took. */
  private static double peak(ScenarioRunner.Run r, String name) {
    Series s = series(r, name);
    double max = 0;
    for (int i = 0; i < s.intervals(); i++) {
      if (s.count(i) > 0 && !Double.isNaN(s.last(i))) {
        max = Math.max(max, s.last(i));
      }
    }
    return max;
  }

  private static StalenessReport staleness(Simulation sim) {
    return new Staleness(List.of(0L)).report(sim.history());
  }

  @Test
  void theRefillRaceLeavesStaleValuesThatVersionsOrASecondDeleteRemove() throws IOException {
    String name = "cache/cache-aside-stale-race";
    ScenarioRunner.Run plain = run(name);
    StalenessReport plainStale = staleness(plain.simulation());
    double plainServed = total(plain, "cache/stale-served");
    long plainMaxBehindMs = plainStale.timeBehindNanos().getMaxValue() / 1_000_000;

    ScenarioRunner.Run versioned = run(name, "system.versioned=true");
    ScenarioRunner.Run delayed = run(name, "system.deleteDelay=100ms");
    StalenessReport delayedStale = staleness(delayed.simulation());
    long delayedMaxBehindMs = delayedStale.timeBehindNanos().getMaxValue() / 1_000_000;
    System.out.printf(
        "stale race: plain %d stale reads (%.0f stale hits, max %d ms behind); versioned %d (%.0f);"
            + " deleteDelay=100ms %d (%.0f, max %d ms behind)%n",
        plainStale.staleReads(),
        plainServed,
        plainMaxBehindMs,
        violations(versioned, "staleness"),
        total(versioned, "cache/stale-served"),
        delayedStale.staleReads(),
        total(delayed, "cache/stale-served"),
        delayedMaxBehindMs);
    expectationsHold(plain.report());
    assertTrue(plainStale.staleReads() > 0 && plainServed > 0);
    assertEquals(0, violations(versioned, "staleness"), "set-if-newer refuses the late set");
    // Hits between the DB's acknowledgement and the delete are stale in any cache-aside run.
    assertTrue(total(versioned, "cache/stale-served") < plainServed);
    assertTrue(delayedMaxBehindMs < 150, "the second delete removes it within ~100 ms");
    ScenarioRunner.Run leased = run(name, "system.singleFlight=true");
    assertEquals(0, violations(leased, "staleness"), "a delete invalidates the filler's lease");
  }

  @Test
  void aHotKeyStampedesTheDatabaseUnlessMissesAreCoalesced() throws IOException {
    String name = "cache/stampede-single-flight";
    ScenarioRunner.Run plain = run(name);
    expectationsHold(plain.report());
    ScenarioRunner.Run single = run(name, "system.singleFlight=true");
    expectationsHold(single.report());
    ScenarioRunner.Run readThrough =
        run(name, "system.policy=read-through", "system.singleFlight=true");
    System.out.printf(
        "stampede: burst %.0f, db load %.0f/s without single flight; burst %.0f, %.0f/s with"
            + " (read-through: burst %.0f)%n",
        peak(plain, "cache/db-read-burst"),
        total(plain, "cache/db-load") / 6,
        peak(single, "cache/db-read-burst"),
        total(single, "cache/db-load") / 6,
        peak(readThrough, "cache/db-read-burst"));
    assertTrue(peak(plain, "cache/db-read-burst") > 10);
    assertEquals(1, peak(single, "cache/db-read-burst"));
    assertEquals(1, peak(readThrough, "cache/db-read-burst"));
    assertTrue(total(single, "cache/db-load") < total(plain, "cache/db-load") / 2);
  }

  @Test
  void aSoftTtlRefreshesHotKeysBeforeTheyExpire() throws IOException {
    String name = "cache/stampede-single-flight";
    ScenarioRunner.Run soft = run(name, "system.softTtl=700ms");
    Series hits = series(soft, "cache/hit-ratio");
    System.out.printf(
        "soft TTL: burst %.0f in second 3, hit ratio %.4f%n",
        series(soft, "cache/db-read-burst").last(3), hits.last(3));
    Series burst = series(soft, "cache/db-read-burst");
    for (int i = 1; i < 6; i++) { // second 0 is the cold start
      assertEquals(1.0, hits.last(i), "no reader misses once warm, second " + i);
      assertEquals(1.0, burst.last(i), "one background refresh per key at a time, second " + i);
    }
  }

  private static final String RESTARTS =
      """
      {
        "name": "test/cache-restarts",
        "description": "a slow database and a cache node that restarts twice in quick succession",
        "observe": "nothing",
        "seed": 1,
        "duration": "2s",
        "network": {"latency": "shifted(0.1ms, exp(0.2ms))"},
        "system": {
          "pattern": "cached", "policy": "read-through", "ttl": "10s",
          "backend": {"pattern": "single-node", "name": "db", "workers": 10000, "service": "200ms"}
        },
        "workload": {
          "clients": 16,
          "arrivals": {"type": "poisson", "rate": "2000/s"},
          "reads": 0.9,
          "keys": {"type": "uniform", "count": 10},
          "timeout": "1s"
        },
        "faults": {
          "schedule": [
            {"at": "1s", "fault": {"type": "crash", "node": "cache-0", "loseUnsyncedWrites": true}},
            {"at": "1.01s", "fault": {"type": "restart", "node": "cache-0"}},
            {"at": "1.05s", "fault": {"type": "crash", "node": "cache-0", "loseUnsyncedWrites": true}},
            {"at": "1.06s", "fault": {"type": "restart", "node": "cache-0"}}
          ]
        }
      }
      """;

  @Test
  void aDatabaseReplyToAnEarlierIncarnationCompletesNothingOfTheNext() {
    // The second incarnation's DB reads are answered 200 ms later, when the third is cold and has
    // sent as many: with request ids restarting at the same number, the old replies would answer
    // the new requests, of other keys.
    Scenario s = ScenarioReader.read("test/cache-restarts", RESTARTS, List.of());
    dev.tradeoff.core.history.History h =
        ScenarioRunner.run(s, "test", "test").simulation().history();
    java.util.Map<Long, Long> keyOf = new java.util.TreeMap<>();
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == dev.tradeoff.core.history.OpKind.WRITE) {
        keyOf.put(h.value(op), h.key(op));
      }
    }
    int reads = 0;
    int wrongKey = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == dev.tradeoff.core.history.OpKind.READ
          && h.status(op) == dev.tradeoff.core.history.OpStatus.OK
          && h.invokeNanos(op) > 1_060_000_000L
          && h.invokeNanos(op) < 1_300_000_000L) {
        reads++;
        Long key = keyOf.get(h.result(op));
        if (key != null && key != h.key(op)) {
          wrongKey++;
        }
      }
    }
    System.out.printf(
        "restarts: %d reads after the second restart, %d of another key%n", reads, wrongKey);
    assertTrue(reads > 100);
    assertEquals(0, wrongKey, "a read answered with another key's value");
  }

  @Test
  void cacheAsideGivesUpDatabaseReadsTheCrashedDatabaseNeverAnswers() throws IOException {
    ScenarioRunner.Run r =
        run(
            "cache/stampede-single-flight",
            "faults={\"schedule\": [{\"at\": \"1.5s\", \"fault\": {\"type\": \"crash\","
                + " \"node\": \"db\", \"loseUnsyncedWrites\": true}}]}");
    Series burst = series(r, "cache/db-read-burst");
    System.out.printf(
        "dead database: burst %.0f in second 3, %.0f in second 5%n", burst.last(3), burst.last(5));
    // Reads of the hot key pile up on the dead database for a fill timeout (1 s), no longer.
    assertTrue(burst.last(3) > 100);
    assertTrue(burst.last(5) < 1.3 * burst.last(3), "reads given up after the fill timeout");
  }

  @Test
  void runsAreDeterministic() throws IOException {
    String name = "cache/write-behind-loss";
    assertEquals(run(name).report().traceHash(), run(name).report().traceHash());
    String race = "cache/cache-aside-stale-race";
    assertEquals(
        run(race, "system.caches=3", "system.singleFlight=true").report().traceHash(),
        run(race, "system.caches=3", "system.singleFlight=true").report().traceHash());
  }

  @Test
  void writeBehindLosesAcknowledgedWritesAtACrashAndWriteThroughDoesNot() throws IOException {
    String name = "cache/write-behind-loss";
    ScenarioRunner.Run behind = run(name);
    expectationsHold(behind.report());
    ScenarioRunner.Run through = run(name, "system.policy=write-through");
    OpMetrics behindWrites = behind.simulation().metrics().op("write");
    OpMetrics throughWrites = through.simulation().metrics().op("write");
    System.out.printf(
        "write-behind: %d lost writes (p99 write %.2f ms); write-through: %d (p99 %.2f ms)%n",
        violations(behind, "lost-writes"),
        behindWrites.latencyNanos().getValueAtPercentile(99) / 1e6,
        violations(through, "lost-writes"),
        throughWrites.latencyNanos().getValueAtPercentile(99) / 1e6);
    assertTrue(violations(behind, "lost-writes") > 100, "about half a second of writes");
    assertEquals(0, violations(through, "lost-writes"));
    assertTrue(
        throughWrites.latencyNanos().getValueAtPercentile(50)
            > behindWrites.latencyNanos().getValueAtPercentile(50));
  }

  @Test
  void aCacheFlushOverloadsTheDatabaseUntilTheCacheRefills() throws IOException {
    ScenarioRunner.Run r = run("cache/cold-cache-db-overload");
    expectationsHold(r.report());
    Series load = series(r, "cache/db-load");
    Series hits = series(r, "cache/hit-ratio");
    OpMetrics reads = r.simulation().metrics().op("read");
    StringBuilder line =
        new StringBuilder("cold cache: second, db load/s, hit ratio, read errors\n");
    for (int i = 0; i < load.intervals(); i++) {
      line.append(
          String.format(
              "  %2d %6.0f %5.2f %5d%n",
              i, load.last(i), hits.last(i), i < reads.intervals() ? reads.errorsIn(i) : 0));
    }
    System.out.print(line);
    assertTrue(load.last(6) > 2_000, "past the DB's capacity after the flush");
    assertTrue(reads.errorsIn(6) > 0, "errors spike");
    assertEquals(0, reads.errorsIn(5), "none before");
    assertTrue(hits.last(5) > 0.9 && hits.last(6) < 0.7);
    assertTrue(reads.p99NanosIn(6) > 10 * reads.p99NanosIn(5), "latency spikes");
    for (int i = 9; i < 12; i++) {
      assertEquals(0, reads.errorsIn(i), "recovered by " + i + " s");
      assertTrue(hits.last(i) > 0.9, "refilled by " + i + " s");
    }
  }
}
