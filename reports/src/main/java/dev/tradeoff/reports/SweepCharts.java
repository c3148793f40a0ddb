package dev.tradeoff.reports;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
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
 *   <li>{@code violations}: per checker, violations per run (summed over seeds, divided by the
 *       runs) against the first parameter's values, when a checker ran.
 *   <li>{@code availability}, {@code stale-reads}, {@code read-your-writes}: the decision table's
 *       rows of those names (share of operations OK, % of reads stale, violations per 1,000 reads)
 *       against the first parameter's values, each on a chart of its own so that no axis mixes
 *       units; a row the table leaves out (its checker did not run) has no chart.
 * </ol>
 *
 * <p>When every value of the first parameter is a number, a duration ({@code 250ms}, {@code 2s}) or
 * a rate ({@code 900/s}), the x axis is that quantity, to scale (durations in ms, rates per
 * second); otherwise it places the values evenly, labelled as written. Every other parameter
 * combination is a line of its own. Fonts and number formats are fixed as in {@link Charts}, so the
 * same report gives the same SVG on one machine.
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
    Chart violations = violations(report, points, param);
    if (violations != null) {
      charts.add(violations);
    }
    charts.addAll(decisionRows(report, points, param));
    return List.copyOf(charts);
  }

  /** The decision table's rows charted: its name there, the chart's name, a caption. */
  private static final String[][] DECISION_ROWS = {
    {"availability", "availability", "Share of all operations that completed OK, over every seed."},
    {
      "stale reads",
      "stale-reads",
      "Reads the staleness checker found stale, as a share of all reads, over every seed."
    },
    {
      "read-your-writes violations",
      "read-your-writes",
      "Reads that missed the session's own earlier write, per 1,000 reads, over every seed."
    },
  };

  private static List<Chart> decisionRows(
      SweepReport report, List<SweepPoint> points, String param) {
    DecisionTable table = SweepDecision.of(report, points);
    List<Chart> charts = new ArrayList<>();
    for (String[] wanted : DECISION_ROWS) {
      for (DecisionTable.Row row : table.rows()) {
        if (row.name().equals(wanted[0])) {
          Chart c = decisionRow(report, points, param, row, wanted[1], wanted[2]);
          if (c != null) {
            charts.add(c);
          }
        }
      }
    }
    return charts;
  }

  private static Chart decisionRow(
      SweepReport report,
      List<SweepPoint> points,
      String param,
      DecisionTable.Row row,
      String name,
      String caption) {
    Map<String, YIntervalSeries> lines = new LinkedHashMap<>();
    for (int i = 0; i < points.size(); i++) {
      double v = row.values()[i];
      if (Double.isNaN(v)) {
        continue;
      }
      SweepPoint p = points.get(i);
      String key = rest(report, p);
      lines
          .computeIfAbsent(
              key.isEmpty() ? row.name() : key, k -> new YIntervalSeries(k, false, true))
          .add(x(report, p), v, v, v);
    }
    if (lines.isEmpty()) {
      return null;
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    lines.values().forEach(data::addSeries);
    String title = Character.toUpperCase(row.name().charAt(0)) + row.name().substring(1);
    return render(
        report, name, title + " vs " + param, row.name() + " (" + row.unit() + ")", caption, data);
  }

  /** The other parameters' values at {@code p}, as {@code path=value, …}; empty for one. */
  private static String rest(SweepReport report, SweepPoint p) {
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < p.values().size(); i++) {
      rest.add(report.params().get(i).path() + "=" + p.values().get(i));
    }
    return String.join(", ", rest);
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
      double x = x(report, p);
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
    return render(report, name, title, yLabel, caption, data);
  }

  /** Violations per run of each checker that ran, against the first parameter. */
  private static Chart violations(SweepReport report, List<SweepPoint> points, String param) {
    Map<String, YIntervalSeries> lines = new LinkedHashMap<>();
    for (SweepPoint p : points) {
      List<String> rest = new ArrayList<>();
      for (int i = 1; i < p.values().size(); i++) {
        rest.add(report.params().get(i).path() + "=" + p.values().get(i));
      }
      for (Map.Entry<String, Long> v : p.violations().entrySet()) {
        String key = rest.isEmpty() ? v.getKey() : v.getKey() + ", " + String.join(", ", rest);
        double perRun = (double) v.getValue() / Math.max(1, p.runs());
        lines
            .computeIfAbsent(key, k -> new YIntervalSeries(k, false, true))
            .add(x(report, p), perRun, perRun, perRun);
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (YIntervalSeries s : lines.values()) {
      data.addSeries(s);
    }
    return render(
        report,
        "violations",
        "Violations vs " + param,
        "violations per run",
        "Each checker's violations, summed over seeds and divided by the runs.",
        data);
  }

  private static Chart render(
      SweepReport report,
      String name,
      String title,
      String yLabel,
      String caption,
      YIntervalSeriesCollection data) {
    double[] scale = scale(report);
    ValueAxis x;
    if (scale != null) {
      NumberAxis numeric = new NumberAxis(param(report) + unit(report));
      numeric.setAutoRangeIncludesZero(false);
      numeric.setAutoRangeStickyZero(false);
      x = numeric;
    } else {
      String[] labels =
          report.params().isEmpty()
              ? new String[] {"(base)"}
              : report.params().get(0).values().toArray(new String[0]);
      SymbolAxis symbols =
          new SymbolAxis(report.params().isEmpty() ? "point" : param(report), labels);
      symbols.setGridBandsVisible(false);
      symbols.setRange(-0.5, labels.length - 0.5);
      x = symbols;
    }
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
    return report.params().isEmpty() ? "point" : report.params().get(0).path();
  }

  /** Where point {@code p} sits on the x axis: its value to scale, or its place in the list. */
  private static double x(SweepReport report, SweepPoint p) {
    if (p.values().isEmpty()) {
      return 0;
    }
    int index = report.params().get(0).values().indexOf(p.values().get(0));
    double[] scale = scale(report);
    return scale == null ? index : scale[index];
  }

  /** The first parameter's values to scale, or null unless every one is a quantity. */
  static double[] scale(SweepReport report) {
    if (report.params().isEmpty()) {
      return null;
    }
    List<String> values = report.params().get(0).values();
    double[] out = new double[values.size()];
    String unit = null;
    for (int i = 0; i < out.length; i++) {
      String v = values.get(i).trim();
      String u = unitOf(v);
      if (u == null || (unit != null && !unit.equals(u))) {
        return null;
      }
      unit = u;
      out[i] = quantity(v, u);
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  private static String unit(SweepReport report) {
    String u = unitOf(report.params().get(0).values().get(0).trim());
    return u == null || u.isEmpty() ? "" : " (" + (u.equals("/s") ? "per s" : "ms") + ")";
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)");
  private static final java.util.regex.Pattern RATE =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(k?)/s");

  /** "" for a plain number, "ms" for a duration, "/s" for a rate, null for anything else. */
  private static String unitOf(String v) {
    if (NUMBER.matcher(v).matches()) {
      return "";
    }
    if (DURATION.matcher(v).matches()) {
      return "ms";
    }
    return RATE.matcher(v).matches() ? "/s" : null;
  }

  private static double quantity(String v, String unit) {
    if (unit.isEmpty()) {
      return Double.parseDouble(v);
    }
    if (unit.equals("ms")) {
      java.util.regex.Matcher m = DURATION.matcher(v);
      m.matches();
      double n = Double.parseDouble(m.group(1));
      return switch (m.group(2)) {
        case "ns" -> n / 1e6;
        case "us" -> n / 1e3;
        case "ms" -> n;
        case "s" -> n * 1e3;
        case "m" -> n * 60e3;
        default -> n * 3600e3;
      };
    }
    java.util.regex.Matcher m = RATE.matcher(v);
    m.matches();
    return Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
  }
}
