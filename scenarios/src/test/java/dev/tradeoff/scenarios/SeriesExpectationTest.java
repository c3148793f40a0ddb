package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expectations about series: aggregates over a window, units, and honest unknowns. */
class SeriesExpectationTest {
  private static final long S = 1_000_000_000L;
  // lag/db-2 in ms at the ends of 1-second intervals: quiet, a 3-second bump, quiet, no data.
  private static final TimeSeries LAG =
      new TimeSeries(
          "lag",
          "db-2",
          "ms",
          new long[] {S, 2 * S, 3 * S, 4 * S, 5 * S, 6 * S},
          new double[] {1, 150, 250, 200, 2, Double.NaN});
  private static final TimeSeries HITS =
      new TimeSeries("cache", "hit-ratio", "share", new long[] {S, 2 * S}, new double[] {0.9, 0});

  private static final TimeSeries ERRORS =
      new TimeSeries(
          "throughput", "write errors", "ops/s", new long[] {S, 2 * S}, new double[] {0, 40});

  private static ExpectationResult judge(String text) {
    return SeriesMeasure.judge(Expectation.parse(text), List.of(LAG, HITS, ERRORS));
  }

  @Test
  void aRateBoundMeetsOnlyAPerSecondSeries() {
    ExpectationResult r = judge("max(lag/db-2) > 10/s");
    assertEquals(Verdict.UNKNOWN, r.outcome());
    assertTrue(r.observed().contains("is in ms"), r.observed());
  }

  @Test
  void seriesNamesMayHoldSpaces() {
    assertEquals(Verdict.VALID, judge("max(throughput/write errors) >= 40/s").outcome());
    assertEquals(
        Verdict.INVALID, judge("min(throughput/write errors during 0s..2s) > 20/s").outcome());
  }

  @Test
  void aggregatesOverTheWholeRunOrAWindow() {
    assertEquals(Verdict.VALID, judge("max(lag/db-2) >= 250").outcome());
    assertEquals(Verdict.INVALID, judge("max(lag/db-2) > 250").outcome());
    // Intervals ending after 1 s and at or before 4 s: 150, 250, 200.
    assertEquals(Verdict.VALID, judge("mean(lag/db-2 during 1s..4s) == 200").outcome());
    assertEquals(Verdict.VALID, judge("min(lag/db-2 during 1s..4s) > 100ms").outcome());
    assertEquals(Verdict.INVALID, judge("min(lag/db-2) > 100ms").outcome());
    assertEquals(Verdict.VALID, judge("last(lag/db-2) < 5ms").outcome(), "NaN intervals skipped");
  }

  @Test
  void durationsMeetTimeUnitsAndPercentagesShares() {
    ExpectationResult r = judge("max(lag/db-2 during 1s..3s) > 0.2s");
    assertEquals(Verdict.VALID, r.outcome());
    assertEquals("max(lag/db-2 during 1s..3s) = 250.000 ms", r.observed());
    assertEquals(Verdict.VALID, judge("min(cache/hit-ratio) <= 0%").outcome());
    assertEquals(Verdict.VALID, judge("max(cache/hit-ratio) >= 90%").outcome());
    ExpectationResult wrongUnit = judge("max(cache/hit-ratio) > 1ms");
    assertEquals(Verdict.UNKNOWN, wrongUnit.outcome());
    assertTrue(wrongUnit.observed().contains("is in share"), wrongUnit.observed());
  }

  @Test
  void aMissingSeriesOrAnEmptyWindowIsUnknownNotViolated() {
    ExpectationResult missing = judge("max(lag/db-9) > 1");
    assertEquals(Verdict.UNKNOWN, missing.outcome());
    assertTrue(missing.observed().contains("lag/db-2, cache/hit-ratio"), missing.observed());
    assertEquals(Verdict.UNKNOWN, judge("max(lag/db-2 during 5s..6s) > 1").outcome());
  }

  @Test
  void badFormsAreOneLineErrors() {
    assertThrows(IllegalArgumentException.class, () -> Expectation.parse("p99(lag/db-2) > 1"));
    assertThrows(
        IllegalArgumentException.class, () -> Expectation.parse("p99(read during 1s..2s) < 1s"));
    assertThrows(
        IllegalArgumentException.class, () -> Expectation.parse("max(lag/db-2 during 3s..2s) > 1"));
    assertThrows(IllegalArgumentException.class, () -> Expectation.parse("max(lag/db-2) > abc"));
  }
}
