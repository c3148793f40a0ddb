package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Staleness;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.Simulation;
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
  static String text(String name) throws IOException {
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

  /**
   * Runs catalog scenario {@code name} with {@code sets} on seeds 1..10, judged by {@code
   * expectations} instead of its own, and fails with every seed where one did not hold: a variant
   * an observe text names must keep its word on every seed, as the scenario itself does.
   */
  static void holdOnSeedsOneToTen(String name, List<String> sets, String... expectations)
      throws IOException {
    String text = text(name);
    List<String> all = new java.util.ArrayList<>(sets);
    all.add(
        "expectations="
            + java.util.Arrays.stream(expectations)
                .map(e -> "\"" + e + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
    SeedRuns runs =
        SeedRuns.run(
            seed -> {
              List<String> withSeed = new java.util.ArrayList<>(all);
              withSeed.add("seed=" + seed);
              return ScenarioReader.read(name, text, withSeed);
            },
            SweepPlan.seeds("1..10"),
            seed -> "./tradeoff run " + name + " --seed " + seed + " " + sets,
            "test");
    assertEquals(Verdict.VALID, runs.verdict(), runs.summary());
  }

  @Test
  void theRefillRaceLeavesStaleValuesThatVersionsOrLeasesPreventAndASecondDeleteDoesNot()
      throws IOException {
    String name = "cache/cache-aside-stale-race";
    // Set-if-newer and leases refuse the late set on every seed; what cache/stale-served still
    // counts are hits between the database's acknowledgement and the writer's delete.
    for (String fix : List.of("system.versioned=true", "system.singleFlight=true")) {
      holdOnSeedsOneToTen(
          name, List.of(fix), "violations(staleness) == 0", "max(cache/stale-served) > 0");
    }
    // The delayed second delete removes a value installed within its delay but empties the key
    // once more, and that refill can race the next write: stale reads remain on every seed, fewer
    // in all than without it but more than half as many.
    holdOnSeedsOneToTen(name, List.of("system.deleteDelay=100ms"), "violations(staleness) > 0");
    long plain = 0;
    long delayed = 0;
    for (long seed = 1; seed <= 10; seed++) {
      plain += violations(run(name, "seed=" + seed), "staleness");
      delayed += violations(run(name, "seed=" + seed, "system.deleteDelay=100ms"), "staleness");
    }
    System.out.printf(
        "stale race, seeds 1..10: %d stale reads plain, %d with deleteDelay=100ms%n",
        plain, delayed);
    assertTrue(delayed > plain / 2 && delayed < plain, plain + " vs " + delayed);
  }

  @Test
  void aHotKeyStampedesTheDatabaseUnlessMissesAreCoalesced() throws IOException {
    String name = "cache/stampede-single-flight";
    holdOnSeedsOneToTen(
        name,
        List.of("system.singleFlight=true"),
        "max(cache/db-read-burst) == 1",
        "mean(cache/db-load during 0s..6s) <= 21/s",
        "errors(read) == 0");
    holdOnSeedsOneToTen(
        name,
        List.of("system.policy=read-through", "system.singleFlight=true"),
        "max(cache/db-read-burst) == 1");
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
  void writeThroughLosesNothingOnAnySeedAndPaysInWriteLatency() throws IOException {
    holdOnSeedsOneToTen(
        "cache/write-behind-loss",
        List.of("system.policy=write-through"),
        "violations(lost-writes) == 0",
        "p50(write) > 1.5ms");
  }

  @Test
  void aCacheFlushOverloadsTheDatabaseUntilTheCacheRefills() throws IOException {
    // Read errors and read p99 per 100 ms interval: what expectations on series cannot name.
    for (long seed = 1; seed <= 10; seed++) {
      ScenarioRunner.Run r = run("cache/cold-cache-db-overload", "seed=" + seed);
      OpMetrics reads = r.simulation().metrics().op("read");
      long before = 0;
      long during = 0;
      long after = 0;
      long p99Before = 0;
      long p99During = 0;
      for (int i = 0; i < reads.intervals(); i++) {
        if (i < 60) {
          before += reads.errorsIn(i);
          if (i >= 50) { // the warm second before the flush
            p99Before = Math.max(p99Before, reads.p99NanosIn(i));
          }
        } else if (i < 70) {
          during += reads.errorsIn(i);
          p99During = Math.max(p99During, reads.p99NanosIn(i));
        } else {
          after += reads.errorsIn(i);
        }
      }
      String line =
          String.format(
              "seed %d: read errors %d before the flush, %d in the second after, %d later;"
                  + " p99 at most %.1f ms in the second before, %.1f ms in the second after",
              seed, before, during, after, p99Before / 1e6, p99During / 1e6);
      System.out.println("cold cache " + line);
      assertEquals(0, before, line);
      assertTrue(during > 0, line);
      assertEquals(0, after, "errors stop within a second: " + line);
      assertTrue(p99Before < 10_000_000L && p99During > 40_000_000L, line);
    }
  }
}
