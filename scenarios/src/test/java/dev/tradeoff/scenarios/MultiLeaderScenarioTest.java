package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The multi-leader catalog scenarios: their expectations hold, LWW loses more updates with clock
 * skew than without, and version vectors lose none under the same faults.
 */
class MultiLeaderScenarioTest {
  private static final String LWW = "replication/multi-leader-lww-skew";
  private static final String VV = "replication/multi-leader-version-vectors";

  /** The observe text's rerun: the clock-skew fault made negligible. */
  private static final String NO_SKEW = "faults.schedule[1].fault.offset=\"1ns\"";

  /** The reviewer's asymmetric partition: leader-0 and leader-2 cut off from each other only. */
  private static final String ASYMMETRIC =
      "faults.schedule=[{\"at\": \"5s\", \"duration\": \"15s\", \"fault\": {\"type\":"
          + " \"partition\", \"sides\": [[\"leader-0\"], [\"leader-2\"]]}}]";

  /** leader-0 crashes at 5 s, losing unsynced disk writes, and restarts at 6 s. */
  private static final String CRASH_RESTART =
      "faults.schedule=[{\"at\": \"5s\", \"fault\": {\"type\": \"crash\", \"node\":"
          + " \"leader-0\", \"loseUnsyncedWrites\": true}}, {\"at\": \"6s\", \"fault\":"
          + " {\"type\": \"restart\", \"node\": \"leader-0\"}}]";

  private static final Pattern INVERSIONS = Pattern.compile("; (\\d+) of the lost writes");

  private static Scenario read(String name) {
    String source = "catalog/" + name + ".json";
    return ScenarioReader.read(source, text(source), List.of());
  }

  private static RunReport run(String name, List<String> sets) {
    String source = "catalog/" + name + ".json";
    Scenario s = ScenarioReader.read(source, text(source), sets);
    return ScenarioRunner.run(s, "replay", "test").report();
  }

  private static String text(String path) {
    try (InputStream in =
        MultiLeaderScenarioTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CheckResult check(RunReport report, String name) {
    return report.checks().stream().filter(c -> c.checker().equals(name)).findFirst().orElseThrow();
  }

  private static long inversions(CheckResult lost) {
    Matcher m = INVERSIONS.matcher(lost.detail());
    assertTrue(m.find(), lost.detail());
    return Long.parseLong(m.group(1));
  }

  private static void assertHolds(RunReport report, String name) {
    for (ExpectationResult e : report.expectations()) {
      assertEquals(Verdict.VALID, e.outcome(), name + ": " + e.text() + " -> " + e.observed());
    }
    assertEquals(Verdict.VALID, report.verdict(), name);
  }

  private static TimeSeries series(RunReport report, String group, String name) {
    return report.series().stream()
        .filter(t -> t.group().equals(group) && t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static double peak(RunReport report, String group, String name) {
    return java.util.Arrays.stream(series(report, group, name).values()).max().orElseThrow();
  }

  /** One leader on a slower machine: it alone gets busy, and the writes it takes wait on it. */
  @Test
  void oneSlowLeaderIsTheOnlyOneBusyAndRaisesWriteLatency() {
    RunReport even = run(VV, List.of());
    RunReport slow = run(VV, List.of("system.serviceTimes=leader-2=exp(3ms)"));
    assertEquals(
        peak(even, "cpu.utilisation", "leader-0"),
        peak(slow, "cpu.utilisation", "leader-0"),
        "leader-0's CPU sees the same requests");
    assertTrue(
        peak(slow, "cpu.utilisation", "leader-2") > 4 * peak(even, "cpu.utilisation", "leader-2"));
    double before =
        even.operations().stream()
            .filter(o -> o.kind().equals("write"))
            .findFirst()
            .orElseThrow()
            .latencyAtPercentileNanos(99);
    double after =
        slow.operations().stream()
            .filter(o -> o.kind().equals("write"))
            .findFirst()
            .orElseThrow()
            .latencyAtPercentileNanos(99);
    assertTrue(after > 2 * before, "write p99 " + before / 1e6 + " -> " + after / 1e6 + " ms");
    ScenarioException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioException.class, () -> run(VV, List.of("system.workerCounts=leader-3=2")));
    assertTrue(e.getMessage().contains("no leader \"leader-3\""), e.getMessage());
  }

  @Test
  void lwwWithSkewLosesUpdatesAndConverges() {
    RunReport report = run(LWW, List.of());
    assertHolds(report, LWW);
    System.out.println("multi-leader LWW: " + report.checks());
    assertTrue(
        inversions(check(report, "lost-updates")) > 0, check(report, "lost-updates").detail());
    TimeSeries divergence = series(report, "divergence", "keys");
    double peak = 0;
    for (int i = 5; i < 10; i++) {
      peak = Math.max(peak, divergence.values()[i]);
    }
    assertTrue(peak > 0, "keys diverge while leader-0 is cut off");
    assertEquals(0.0, divergence.values()[divergence.values().length - 1], "diverged at the end");
  }

  @Test
  void versionVectorsKeepEveryWriteUnderTheSameFaults() {
    RunReport report = run(VV, List.of());
    assertHolds(report, VV);
    System.out.println("multi-leader version vectors: " + report.checks());
    assertEquals(Verdict.VALID, check(report, "lost-updates").verdict());
    assertEquals(Verdict.VALID, check(report, "inverted-updates").verdict());
    TimeSeries conflicted = series(report, "conflicts", "writes");
    assertTrue(conflicted.values()[conflicted.values().length - 1] > 0, "siblings were kept");
    assertTrue(
        report.checks().stream().noneMatch(c -> c.checker().equals("conflicts")),
        "conflicts are a measure, not a checker's violations");
    Scenario again = ScenarioReader.read("effective", read(VV).json(), List.of());
    assertEquals(read(VV).json(), again.json(), "the effective scenario reads back to itself");
  }

  @Test
  void lwwLosesMoreUpdatesWithSkewThanWithout() {
    List<String> figures = new ArrayList<>();
    for (long seed = 1; seed <= 10; seed++) {
      RunReport skewed = run(LWW, List.of("seed=" + seed));
      RunReport synced = run(LWW, List.of("seed=" + seed, NO_SKEW));
      CheckResult withSkew = check(skewed, "lost-updates");
      CheckResult without = check(synced, "lost-updates");
      figures.add(
          "seed "
              + seed
              + ": "
              + withSkew.violations()
              + " lost with skew ("
              + inversions(withSkew)
              + " inversions), "
              + without.violations()
              + " without ("
              + inversions(without)
              + " inversions)");
      assertTrue(withSkew.violations() > without.violations(), figures.toString());
      assertEquals(0, inversions(without), "synchronised clocks never invert real time");
      assertEquals(Verdict.VALID, check(synced, "inverted-updates").verdict());
      assertEquals(inversions(withSkew), check(skewed, "inverted-updates").violations());
      assertTrue(inversions(withSkew) > 0, figures.toString());
      assertEquals(Verdict.VALID, check(synced, "convergence").verdict());
    }
    System.out.println("multi-leader LWW lost updates: " + figures);
  }

  @Test
  void withoutFaultsVersionVectorsAndMergeStayQuiet() {
    String noFaults = "faults={}";
    RunReport vv = run(VV, List.of(noFaults));
    assertEquals(Verdict.VALID, check(vv, "lost-updates").verdict());
    assertEquals(Verdict.VALID, check(vv, "convergence").verdict());
    RunReport merge = run(VV, List.of(noFaults, "system.conflicts=merge"));
    assertEquals(0, inversions(check(merge, "lost-updates")), "a max merge never inverts time");
    assertEquals(Verdict.VALID, check(merge, "convergence").verdict());
    RunReport lww = run(LWW, List.of(noFaults));
    assertEquals(0, inversions(check(lww, "lost-updates")));
    assertEquals(Verdict.VALID, check(lww, "convergence").verdict());
  }

  /**
   * Regression: with leader-1 relaying knowledge between leader-0 and leader-2, contexts lacked
   * indirect knowledge, leader-2 judged leader-0's writes concurrent with its own later ones, and
   * the leaders never converged. Causal delivery fixes both.
   */
  @Test
  void anAsymmetricPartitionUnderVersionVectorsConverges() {
    RunReport report = run(VV, List.of(ASYMMETRIC));
    System.out.println("multi-leader asymmetric partition: " + report.checks());
    assertEquals(Verdict.VALID, check(report, "convergence").verdict(), report.checks().toString());
    assertEquals(Verdict.VALID, check(report, "lost-updates").verdict());
    TimeSeries divergence = series(report, "divergence", "keys");
    assertEquals(0.0, divergence.values()[divergence.values().length - 1], "diverged at the end");
  }

  /** Regression: a restarted leader used to come back empty and reuse its sequence numbers. */
  @Test
  void aCrashedLeaderRestartsFromItsDiskAndConverges() {
    RunReport report = run(VV, List.of(CRASH_RESTART));
    System.out.println("multi-leader crash and restart: " + report.checks());
    assertEquals(Verdict.VALID, check(report, "convergence").verdict(), report.checks().toString());
    assertEquals(Verdict.VALID, check(report, "lost-updates").verdict());
    assertTrue(
        check(report, "lost-updates")
            .detail()
            .endsWith(
                "; 0 neither held nor seen by a held write" + " at a live leader at the end"));
  }
}
