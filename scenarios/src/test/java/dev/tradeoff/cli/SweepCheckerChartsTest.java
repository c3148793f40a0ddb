package dev.tradeoff.cli;

import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import dev.tradeoff.reports.Chart;
import dev.tradeoff.reports.SweepCharts;
import dev.tradeoff.reports.SweepDecision;
import dev.tradeoff.reports.SweepJson;
import dev.tradeoff.reports.SweepPoint;
import dev.tradeoff.reports.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep plots the checkers' figures against the parameter, one chart per unit: stale reads as a
 * share of reads rise with the followers' apply delay, on an axis of their own.
 */
class SweepCheckerChartsTest {
  @TempDir Path dir;

  @Test
  void staleReadsAndReadYourWritesArePlottedAgainstTheApplyDelay() throws IOException {
    Outcome r =
        cli(
            "sweep",
            "replication/read-replica-lag",
            "--set",
            "duration=3s",
            "--set",
            "faults={}",
            "--set",
            "expectations=[]",
            "--param",
            "system.applyDelay=1ms,20ms,80ms",
            "--seeds",
            "1..2",
            "--no-progress",
            "--out",
            dir.toString());
    assertEquals(0, r.code(), r.describe());
    SweepReport report = SweepJson.parse(Files.readString(dir.resolve("sweep.json")));
    List<Chart> charts = SweepCharts.of(report, SweepPoint.of(report));
    assertEquals("stale reads (% of reads)", chart(charts, "stale-reads").yLabel());
    assertEquals(
        "read-your-writes violations (per 1000 reads)", chart(charts, "read-your-writes").yLabel());
    assertEquals("availability (%)", chart(charts, "availability").yLabel());
    // what the stale-reads chart plots: the decision table's row, rising with the delay
    double[] share =
        SweepDecision.of(report, SweepPoint.of(report)).rows().stream()
            .filter(row -> row.name().equals("stale reads"))
            .findFirst()
            .orElseThrow()
            .values();
    assertTrue(share[0] < share[1] && share[1] < share[2], java.util.Arrays.toString(share));
    assertTrue(share[2] <= 100, "a share of reads");
    assertTrue(Files.exists(dir.resolve("charts/stale-reads.svg")));
  }

  private static Chart chart(List<Chart> charts, String name) {
    return charts.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " among " + charts));
  }
}
