package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.reports.HtmlPage;
import dev.tradeoff.reports.ReportJson;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.SummaryText;
import dev.tradeoff.reports.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a person reads in the report of every catalog run: no raw nanosecond counts, a unit on every
 * series, a verdict line that names what the checkers found, and the staleness checker's
 * t-visibility where a scenario runs it.
 */
class CatalogReportTextTest {
  /** A count of nanoseconds as no one should have to read it: {@code 12000586865 ns}. */
  private static final Pattern RAW_NANOS = Pattern.compile("\\d{7,} ?ns\\b|\\d+\\.\\.\\d+ ?ns\\b");

  private static final List<RunReport> REPORTS = new ArrayList<>();

  @BeforeAll
  static void runTheCatalog() {
    for (String name : ScenarioCatalog.names()) {
      Scenario s =
          ScenarioReader.read(
              ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), List.of());
      REPORTS.add(ScenarioRunner.run(s, "replay", "test").report());
    }
  }

  @Test
  void noRawNanosecondsInSummaryOrPage() {
    for (RunReport r : REPORTS) {
      for (String text : List.of(SummaryText.render(r), HtmlPage.render(r, List.of()))) {
        Matcher m = RAW_NANOS.matcher(text);
        assertFalse(m.find(), () -> r.scenarioName() + ": raw nanoseconds <" + m.group() + ">");
      }
    }
  }

  @Test
  void checkersWriteTheirWitnessesWithoutRawNanoseconds() {
    // The report rewrites stray nanoseconds, but the checkers should not need it: this looks at
    // their own words, before any rendering.
    for (RunReport r : REPORTS) {
      for (CheckResult c : r.checks()) {
        List<String> texts = new ArrayList<>(c.witnesses());
        texts.add(c.detail());
        for (String t : texts) {
          assertFalse(
              RAW_NANOS.matcher(t).find(),
              () -> r.scenarioName() + " " + c.checker() + ": raw nanoseconds in <" + t + ">");
        }
      }
    }
  }

  @Test
  void everySeriesHasAUnit() {
    for (RunReport r : REPORTS) {
      for (TimeSeries s : r.series()) {
        assertFalse(s.unit().isBlank(), () -> r.scenarioName() + ": " + s.group() + "/" + s.name());
      }
      String json = ReportJson.render(r);
      assertFalse(json.contains("\"unit\": \"\""), r.scenarioName());
    }
  }

  @Test
  void splitBrainDemonstrationSaysWhatTheSystemDid() {
    RunReport r = report("replication/split-brain-no-fencing");
    String first = SummaryText.render(r).lines().findFirst().orElseThrow();
    assertTrue(
        first.startsWith("VERDICT: valid - expectations held (")
            && first.contains("; the system: split brain, not linearizable"),
        first);
    String page = HtmlPage.render(r, List.of());
    assertTrue(page.contains("<div class=\"verdict valid mixed\""), "banner not plain green");
    String witness =
        r.checks().stream()
            .filter(c -> c.checker().equals("split-brain"))
            .findFirst()
            .orElseThrow()
            .witnesses()
            .get(0);
    assertTrue(
        witness.matches("leader db-\\d \\(term \\d+, [0-9.]+ m?s\\.\\.[0-9.]+ m?s\\) .*"), witness);
  }

  @Test
  void staleStoreReportsTVisibilityRisingWithT() {
    RunReport r = report("replication/read-replica-lag");
    CheckResult staleness =
        r.checks().stream().filter(c -> c.checker().equals("staleness")).findFirst().orElseThrow();
    List<StalenessReport.Visibility> points = staleness.visibility();
    assertEquals(
        List.of(0L, 10_000_000L, 100_000_000L),
        points.stream().map(StalenessReport.Visibility::delayNanos).toList());
    assertTrue(points.get(0).share() < 1.0, "the store is stale at t = 0: " + points);
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).reads() > 0, "reads at " + points.get(i));
      assertTrue(points.get(i).share() >= points.get(i - 1).share(), "monotone in t: " + points);
    }

    String summary = SummaryText.render(r);
    assertTrue(summary.contains("t-visibility: P(consistent read) by time since the write's ack"));
    for (StalenessReport.Visibility v : points) {
      String row =
          String.format(
              java.util.Locale.ROOT,
              "%12s %14s %10d",
              v.delayNanos() / 1_000_000 + " ms",
              String.format(java.util.Locale.ROOT, "%.4f", v.share()),
              v.reads());
      assertTrue(summary.contains(row), () -> "missing <" + row + "> in\n" + summary);
    }
    String json = ReportJson.render(r);
    assertTrue(json.contains("\"visibility\": ["), json);
    assertTrue(json.contains("\"tMs\": 100,"), "the 100 ms point in report.json");
    assertTrue(HtmlPage.render(r, List.of()).contains("<h3>staleness: t-visibility</h3>"));
  }

  private static RunReport report(String name) {
    return REPORTS.stream()
        .filter(r -> r.scenarioName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no catalog scenario " + name));
  }
}
