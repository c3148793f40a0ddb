package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep chart's x axis is the parameter's quantity to scale when every value is one. */
class SweepChartsScaleTest {
  /** A shard that holds none of the sweep's runs: only the parameter matters here. */
  private static SweepReport sweep(String... values) {
    return new SweepReport(
        "test",
        "basics/x",
        Fixtures.scenario("{\"name\": \"basics/x\"}"),
        List.of(),
        List.of(new SweepParam("p", List.of(values))),
        List.of(1L),
        new SweepReport.Shard(values.length, values.length + 1),
        List.of());
  }

  @Test
  void numbersDurationsAndRatesSitToScale() {
    assertArrayEquals(new double[] {1, 2, 8}, SweepCharts.scale(sweep("1", "2", "8")));
    assertArrayEquals(
        new double[] {0.5, 250, 2000}, SweepCharts.scale(sweep("500us", "250ms", "2s")));
    assertArrayEquals(new double[] {900, 5000}, SweepCharts.scale(sweep("900/s", "5k/s")));
  }

  @Test
  void wordsOrMixedUnitsKeepEvenSpacing() {
    assertNull(SweepCharts.scale(sweep("any", "session")));
    assertNull(SweepCharts.scale(sweep("1s", "900/s")));
  }
}
