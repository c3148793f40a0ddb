package dev.tradeoff.reports;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A sweep's metric-vs-parameter charts, in page order:
 *
 * <ol>
 *   <li>{@code p99}: per operation kind, the median over seeds of each seed's p99 latency (ms)
 *       against the first parameter's values, with a bar from the lowest to the highest seed;
 *   <li>{@code throughput}: the same for OK completions per second.
 * </ol>
 *
 * <p>The x axis places the first parameter's values evenly, labelled as written (they need not be
 * numbers); every other parameter combination is a line of its own. Fonts and number formats are
 * fixed as in {@link Charts}, so the same report gives the same SVG on one machine.
 */
public final class SweepCharts {
  private SweepCharts() {}

  /** The charts of {@code report} over its {@code points}; empty when no point has data. */
  public static List<Chart> of(SweepReport report, List<SweepPoint> points) {
    List<Chart> charts = new ArrayList<>();
    String param = report.params().isEmpty() ? "point" : report.params().get(0).path();
    Chart p99 =
        chart(
            report,
            points,
            "p99",
            "p99 latency vs " + param,
            "latency p99 (ms)",
            "Median over seeds of each seed's p99 latency of OK completions; bars span the"
                + " lowest to the highest seed.",
            k -> k.p99Nanos(),
            1e6);
    if (p99 != null) {
      charts.add(p99);
    }
    Chart throughput =
        chart(
            report,
            points,
            "throughput",
            "Throughput vs " + param,
            "OK completions (ops/s)",
            "Median over seeds of OK completions per simulated second; bars span the lowest to"
                + " the highest seed.",
            k -> k.throughputPerSec(),
            1);
    if (throughput != null) {
      charts.add(throughput);
    }
    return List.copyOf(charts);
  }

  private interface Metric {
    double[] spread(SweepPoint.Kind kind);
  }

  private static Chart chart(
      SweepReport report,
      List<SweepPoint> points,
      String name,
      String title,
      String yLabel,
      String caption,
      Metric metric,
      double divisor) {
    Map<String, YIntervalSeries> lines = new LinkedHashMap<>();
    for (SweepPoint p : points) {
      int x = p.values().isEmpty() ? 0 : report.params().get(0).values().indexOf(p.values().get(0));
      List<String> rest = new ArrayList<>();
      for (int i = 1; i < p.values().size(); i++) {
        rest.add(report.params().get(i).path() + "=" + p.values().get(i));
      }
      for (SweepPoint.Kind k : p.operations()) {
        double[] v = metric.spread(k);
        if (!Double.isFinite(v[1])) {
          continue;
        }
        String key = rest.isEmpty() ? k.kind() : k.kind() + ", " + String.join(", ", rest);
        YIntervalSeries line = lines.get(key);
        if (line == null) {
          line = new YIntervalSeries(key, false, true);
          lines.put(key, line);
        }
        line.add(x, v[1] / divisor, v[0] / divisor, v[2] / divisor);
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (YIntervalSeries s : lines.values()) {
      data.addSeries(s);
    }
    String[] labels =
        report.params().isEmpty()
            ? new String[] {"(base)"}
            : report.params().get(0).values().toArray(new String[0]);
    SymbolAxis x = new SymbolAxis(report.params().isEmpty() ? "point" : param(report), labels);
    x.setGridBandsVisible(false);
    x.setRange(-0.5, labels.length - 0.5);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(true);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDrawYError(true);
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = Charts.finish(title, plot, data.getSeriesCount());
    renderer.setErrorStroke(new BasicStroke(1.0f));
    return new Chart(name, title, caption, chart);
  }

  private static String param(SweepReport report) {
    return report.params().get(0).path();
  }
}
