package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SummaryTextTest {
  /** A count of nanoseconds as a person should never have to read it. */
  static final Pattern RAW_NANOS = Pattern.compile("\\d{7,} ?ns|\\d+\\.\\.\\d+ ?ns");

  @Test
  void sameReportGivesIdenticalText() {
    String text = SummaryText.render(Fixtures.report());
    assertEquals(text, SummaryText.render(Fixtures.report()));
    assertEquals(text, ReportFolder.summary(Fixtures.report()));
    assertTrue(text.endsWith("\n") && !text.contains("\r"));
  }

  @Test
  void verdictComesFirst() {
    List<String> lines = SummaryText.render(Fixtures.report()).lines().toList();
    assertEquals(
        "VERDICT: invalid - expectations violated (1/3), 1 undecided; the system: replicas"
            + " converged, 7 stale reads, linearizability undecided",
        lines.get(0));
    assertEquals(
        "VERDICT: valid - expectations held (1/1)",
        SummaryText.render(Fixtures.minimal()).lines().findFirst().orElseThrow());
  }

  @Test
  void verdictOfADemonstrationSaysWhatItJudgesAndWhatTheSystemDid() {
    // The expectations held (split brain was expected), but the system is not fine: the line must
    // say both, not a bare "valid".
    assertEquals(
        "VERDICT: valid - expectations held (2/2); the system: split brain, not linearizable, 0"
            + " lost writes",
        SummaryText.render(Fixtures.demonstration()).lines().findFirst().orElseThrow());
  }

  @Test
  void headlineCountsUndecidedExpectations() {
    RunReport r = Fixtures.minimal();
    RunReport undecided =
        new RunReport(
            r.toolVersion(),
            r.scenarioName(),
            r.description(),
            r.observe(),
            r.scenario(),
            r.seed(),
            r.durationNanos(),
            r.traceHash(),
            Verdict.UNKNOWN,
            List.of(
                new ExpectationResult("a", Verdict.VALID, ""),
                new ExpectationResult("b", Verdict.UNKNOWN, ""),
                new ExpectationResult("c", Verdict.VALID, "")),
            r.operations(),
            List.of(CheckResult.unknown("split-brain", "no terms")),
            r.series(),
            r.faults(),
            r.replayCommand());
    assertEquals(
        "unknown - expectations undecided (1/3); the system: split-brain undecided",
        SummaryText.headline(undecided));
  }

  @Test
  void noRawNanosecondsInTheText() {
    for (RunReport r : List.of(Fixtures.report(), Fixtures.demonstration(), Fixtures.minimal())) {
      String text = SummaryText.render(r);
      assertFalse(RAW_NANOS.matcher(text).find(), text);
    }
    String text = SummaryText.render(Fixtures.demonstration());
    assertTrue(
        text.contains(
            "first: leader db-0 (term 1, 0 s..12.001 s) acknowledged 495 writes during the tenure"
                + " of leader db-2 (term 2, 5.175 s..end)"),
        text);
  }

  @Test
  void explainsFailAndInfoOnceUnderTheOperationsTable() {
    String text = SummaryText.render(Fixtures.report());
    List<String> lines = text.lines().toList();
    int header = lines.indexOf("operations (latency of OK completions, ms)");
    assertEquals(
        "  fail: definitely did not happen; info: outcome unknown (timed out, or still pending at"
            + " the end)",
        lines.get(header + 5));
    assertEquals(text.indexOf("fail: definitely"), text.lastIndexOf("fail: definitely"));
  }

  @Test
  void stalenessPrintsItsTVisibilityTable() {
    List<String> lines = SummaryText.render(Fixtures.report()).lines().toList();
    int at =
        lines.indexOf(
            "             t-visibility: P(consistent read) by time since the write's ack");
    assertTrue(
        at > lines.indexOf("  [invalid]  staleness - 7 violations"), String.join("\n", lines));
    assertEquals("                        t  P(consistent)      reads", lines.get(at + 1));
    assertEquals("                     0 ms         0.9222         90", lines.get(at + 2));
    assertEquals("                    10 ms         0.9833         60", lines.get(at + 3));
    assertEquals("                   100 ms         1.0000         20", lines.get(at + 4));
  }

  @Test
  void showsEverySection() {
    String text = SummaryText.render(Fixtures.report());
    for (String expected :
        List.of(
            "scenario  replication/read-replica-lag",
            "observe   Reads from followers go stale during the partition.",
            "seed      42",
            "duration  10.000s simulated",
            "trace     00abcdef01234567",
            "  [held]     p99(read) < 50ms",
            "  [VIOLATED] no stale reads",
            "  [unknown]  linearizable",
            "observed: 3 stale reads",
            "  [invalid]  staleness - 7 violations",
            "first: read r17 on n2 returned",
            "  [unknown]  linearizability",
            "stopped after 2000000 configurations",
            "4.000s - 6.000s      partition [n1] | [n2, n3]",
            "replay    tradeoff run replication/read-replica-lag --seed 42")) {
      assertTrue(text.contains(expected), () -> "missing <" + expected + "> in\n" + text);
    }
  }

  @Test
  void latencyTableIsFixedWidth() {
    List<String> lines = SummaryText.render(Fixtures.report()).lines().toList();
    int header = lines.indexOf("operations (latency of OK completions, ms)");
    List<String> table = lines.subList(header + 1, header + 5);
    assertTrue(table.get(0).startsWith("  kind "), table.get(0));
    assertTrue(table.get(0).endsWith("p99.9       max"), table.get(0));
    for (String row : table) {
      assertEquals(table.get(0).length(), row.length(), row);
    }
    assertTrue(table.get(1).startsWith("  read                 110       100       4       6"));
    assertTrue(table.get(3).contains(" - "), "scan has no latency: " + table.get(3));
  }
}
