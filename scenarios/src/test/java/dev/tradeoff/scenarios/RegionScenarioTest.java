package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code region/failover-rpo-rto} and its variants under the same outage (east cut off from 8 s to
 * 14 s): each regional checker fires where it must and stays quiet on a system that keeps the
 * promise it checks.
 */
class RegionScenarioTest {
  private static final String NAME = "region/failover-rpo-rto";
  private static final Pattern WINDOW =
      Pattern.compile("acknowledged from ([0-9.]+) s to ([0-9.]+) s");

  private static ScenarioRunner.Run run(long seed, String... sets) {
    String source = "catalog/" + NAME + ".json";
    List<String> overrides = new ArrayList<>(Arrays.asList(sets));
    overrides.add("seed=" + seed);
    Scenario s = ScenarioReader.read(source, text(source), overrides);
    return ScenarioRunner.run(s, "replay", "test");
  }

  private static String text(String path) {
    try (InputStream in = RegionScenarioTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CheckResult check(ScenarioRunner.Run run, String name) {
    return run.report().checks().stream()
        .filter(c -> c.checker().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String replay(long seed, String... sets) {
    return "./tradeoff run " + NAME + " --seed " + seed + " --set " + String.join(" --set ", sets);
  }

  /** Median latency, in ms, of OK writes invoked in [fromNanos, toNanos). */
  private static double writeP50Ms(History h, long fromNanos, long toNanos) {
    List<Long> latencies = new ArrayList<>();
    for (int op = 0; op < h.size(); op++) {
      long at = h.invokeNanos(op);
      if (h.kind(op) == OpKind.WRITE
          && h.status(op) == OpStatus.OK
          && at >= fromNanos
          && at < toNanos) {
        latencies.add(h.completeNanos(op) - at);
      }
    }
    latencies.sort(null);
    return latencies.get(latencies.size() / 2) / 1e6;
  }

  /** OK writes invoked in [fromNanos, toNanos) of keys {@code k} with {@code k mod 2 == parity}. */
  private static int okWrites(History h, long fromNanos, long toNanos, int parity) {
    int n = 0;
    for (int op = 0; op < h.size(); op++) {
      long at = h.invokeNanos(op);
      if (h.kind(op) == OpKind.WRITE
          && h.status(op) == OpStatus.OK
          && Math.floorMod(h.key(op), 2) == parity
          && at >= fromNanos
          && at < toNanos) {
        n++;
      }
    }
    return n;
  }

  private static final long S = 1_000_000_000L;

  @Test
  void asyncLosesTheWritesOfTheLastBatchBeforeTheCutAndFailbackSplitsTheBrain() {
    for (long seed = 1; seed <= 2; seed++) {
      ScenarioRunner.Run run = run(seed);
      CheckResult rpo = check(run, "rpo");
      assertEquals(Verdict.INVALID, rpo.verdict(), replay(seed) + ": " + rpo);
      Matcher m = WINDOW.matcher(rpo.detail());
      assertTrue(m.find(), rpo.detail());
      // Every lost write was acknowledged within the batch interval (100 ms) before the cut at 8 s.
      assertTrue(Double.parseDouble(m.group(1)) >= 7.89, rpo.detail());
      assertTrue(Double.parseDouble(m.group(2)) <= 8.0, rpo.detail());
      assertTrue(rpo.detail().contains("a recovery point of"), rpo.detail());
      CheckResult brain = check(run, "split-brain");
      assertEquals(Verdict.INVALID, brain.verdict(), brain.toString());
      assertTrue(brain.witnesses().get(0).contains("by east under epoch 1"), brain.toString());
    }
  }

  @Test
  void theVariantsTheObserveTextNamesHoldOnSeedsOneToTen() throws java.io.IOException {
    CachingScenarioTest.holdOnSeedsOneToTen(
        "region/failover-rpo-rto",
        List.of("system.fencing=true", "system.failback=false"),
        "violations(split-brain) == 0",
        "violations(rpo) > 0",
        "violations(lost-writes) > 0",
        "violations(lost-writes) < 60");
    CachingScenarioTest.holdOnSeedsOneToTen(
        "region/failover-rpo-rto",
        List.of("system.fencing=true", "system.failback=false", "system.replication=sync"),
        "violations(split-brain) == 0",
        "violations(rpo) == 0",
        "violations(lost-writes) == 0",
        "mean(latency/write p50 during 2s..7.9s) > 70ms");
  }

  @Test
  void fencingWithoutFailbackHasNoSplitBrainAndLosesOnlyTheFailoversWrites() {
    String[] sets = {"system.fencing=true", "system.failback=false"};
    for (long seed = 1; seed <= 2; seed++) {
      ScenarioRunner.Run run = run(seed, sets);
      CheckResult brain = check(run, "split-brain");
      assertEquals(Verdict.VALID, brain.verdict(), replay(seed, sets) + ": " + brain);
      CheckResult rpo = check(run, "rpo");
      CheckResult lost = check(run, "lost-writes");
      assertTrue(rpo.violations() > 0, rpo.toString());
      // West serves at the end, so what is lost at the end is exactly what the failover lost.
      assertEquals(rpo.violations(), lost.violations(), rpo + " / " + lost);
    }
  }

  @Test
  void syncReplicationLosesNothingAndPaysTheCrossRegionRoundTrip() {
    String[] sets = {"system.replication=sync", "system.fencing=true", "system.failback=false"};
    for (long seed = 1; seed <= 2; seed++) {
      ScenarioRunner.Run sync = run(seed, sets);
      for (String checker : List.of("rpo", "lost-writes", "split-brain")) {
        CheckResult r = check(sync, checker);
        assertEquals(Verdict.VALID, r.verdict(), replay(seed, sets) + ": " + r);
      }
      double syncMs = writeP50Ms(sync.simulation().history(), 2 * S, 7 * S);
      double asyncMs = writeP50Ms(run(seed).simulation().history(), 2 * S, 7 * S);
      // Clients sit 5 ms from east, west 35 ms further: sync adds a round trip of about 70 ms.
      assertTrue(asyncMs < 20, "async p50 " + asyncMs);
      assertTrue(syncMs > asyncMs + 60, "sync p50 " + syncMs + " vs async " + asyncMs);
    }
  }

  @Test
  void rtoFiresWhenNobodyFailsOverAndStaysQuietWhenTheManagerDoes() {
    String[] none = {"system.failover=none"};
    CheckResult stuck = check(run(1, none), "rto");
    // The outage lasts 6 s, three times the objective: every writing client breaks it.
    assertEquals(16, stuck.violations(), replay(1, none) + ": " + stuck);
    String[] manual = {"system.failover=manual", "system.failoverAt=11s"};
    CheckResult late = check(run(1, manual), "rto");
    assertEquals(16, late.violations(), replay(1, manual) + ": " + late);
    // From the client's last write before the cut at 8 s to the failover at 11 s: nearly 3 s.
    java.util.regex.Matcher outage =
        java.util.regex.Pattern.compile("could not write for ([0-9]+) ms")
            .matcher(late.witnesses().get(0));
    assertTrue(
        outage.find()
            && Long.parseLong(outage.group(1)) > 2_800
            && Long.parseLong(outage.group(1)) < 3_500,
        late.toString());
    CheckResult automatic = check(run(1), "rto");
    assertEquals(Verdict.VALID, automatic.verdict(), automatic.toString());
  }

  @Test
  void activeActiveKeepsTheOtherRegionsCustomersWriting() {
    String[] none = {"system.mode=active-active", "system.failover=none", "system.failback=false"};
    History h = run(1, none).simulation().history();
    // Even keys live in east, odd keys in west.
    assertEquals(0, okWrites(h, 8_100_000_000L, 14 * S, 0), replay(1, none));
    assertTrue(okWrites(h, 8_100_000_000L, 14 * S, 1) > 300, replay(1, none));
    String[] automatic = {"system.mode=active-active", "system.failback=false"};
    ScenarioRunner.Run moved = run(1, automatic);
    History m = moved.simulation().history();
    // East's customers move to west once east is declared down, about 1 s after the cut.
    assertEquals(0, okWrites(m, 8_100_000_000L, 8_900_000_000L, 0), replay(1, automatic));
    assertTrue(okWrites(m, 9_500_000_000L, 14 * S, 0) > 300, replay(1, automatic));
    assertTrue(check(moved, "rpo").violations() > 0, check(moved, "rpo").toString());
  }
}
