package dev.tradeoff.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds a report's charts, in the order the HTML page shows them:
 *
 * <ol>
 *   <li>{@code latency}: every series of group {@code latency} (p50/p99 per kind) over time;
 *   <li>{@code throughput}: group {@code throughput} (ok and errors per kind) over time;
 *   <li>{@code lag}: group {@code lag} (one line per replica) over time;
 *   <li>one chart per other group, in order of first appearance, named after the group;
 *   <li>{@code spectrum}: each operation kind's latency percentile spectrum from its histogram, the
 *       x axis {@code log10(1/(1-p))} labelled 50%, 90%, 99%, 99.9%, 99.99%.
 * </ol>
 *
 * <p>A chart is built only when it has a series (or, for the spectrum, a kind with latencies).
 * Every time chart spans the run's simulated duration in seconds and shades each fault window with
 * its label; an instant fault (start = end) is a dashed line. Fonts are the logical {@link
 * Font#SANS_SERIF} and number labels ignore the default locale, so charts look the same anywhere.
 */
public final class Charts {
  /** The groups with a chart of their own at a fixed place, in that order. */
  static final List<String> KNOWN_GROUPS = List.of("latency", "throughput", "lag");

  // Translucent through the colour, not Marker.setAlpha, which would fade the label as well.
  private static final Color FAULT_FILL = new Color(0xF5, 0x9E, 0x0B, 0x40);
  private static final Color LABEL_BACKGROUND = new Color(0xFF, 0xFF, 0xFF, 0xC0);
  private static final Color FAULT_LINE = new Color(0xB4, 0x23, 0x18);
  private static final Color[] LINE_COLOURS = {
    new Color(0x1F, 0x77, 0xB4),
    new Color(0xD6, 0x27, 0x28),
    new Color(0x2C, 0xA0, 0x2C),
    new Color(0x94, 0x67, 0xBD),
    new Color(0xFF, 0x7F, 0x0E),
    new Color(0x8C, 0x56, 0x4B),
    new Color(0xE3, 0x77, 0xC2),
    new Color(0x7F, 0x7F, 0x7F),
    new Color(0xBC, 0xBD, 0x22),
    new Color(0x17, 0xBE, 0xCF)
  };

  /** Percentiles labelled on the spectrum's x axis. */
  private static final double[] SPECTRUM_TICKS = {50, 90, 99, 99.9, 99.99, 99.999};

  private static final String[] SPECTRUM_LABELS = {
    "50%", "90%", "99%", "99.9%", "99.99%", "99.999%"
  };

  private Charts() {}

  /** The report's charts, in page order. Names are unique and safe as file-name stems. */
  public static List<Chart> of(RunReport report) {
    Map<String, List<TimeSeries>> groups = new LinkedHashMap<>();
    for (String g : KNOWN_GROUPS) {
      groups.put(g, new ArrayList<>());
    }
    for (TimeSeries s : report.series()) {
      groups.computeIfAbsent(chartGroup(report, s), g -> new ArrayList<>()).add(s);
    }
    FileNames names = new FileNames();
    // Reserve the fixed names first, so a group called "spectrum" cannot take the spectrum's.
    for (String g : KNOWN_GROUPS) {
      names.stem(g);
    }
    names.stem("spectrum");
    List<Chart> charts = new ArrayList<>();
    for (Map.Entry<String, List<TimeSeries>> e : groups.entrySet()) {
      String group = e.getKey();
      List<TimeSeries> series = e.getValue();
      if (series.isEmpty()) {
        continue;
      }
      String name = KNOWN_GROUPS.contains(group) ? group : names.stem(group);
      charts.add(timeChart(report, group, name, series));
    }
    if (report.operations().stream().anyMatch(OperationStats::hasLatency)) {
      charts.add(spectrum(report));
    }
    return List.copyOf(charts);
  }

  /**
   * The chart a series is drawn on: its group's, or, when the group mixes units (a cache's hit
   * ratio beside its entry count), one chart per unit, {@code group (unit)}, so no line is
   * flattened against another's scale.
   */
  private static String chartGroup(RunReport report, TimeSeries s) {
    if (KNOWN_GROUPS.contains(s.group())) {
      return s.group();
    }
    boolean mixed =
        report.series().stream()
            .anyMatch(o -> o.group().equals(s.group()) && !o.unit().equals(s.unit()));
    return mixed ? s.group() + " (" + s.unit() + ")" : s.group();
  }

  private static Chart timeChart(
      RunReport report, String group, String name, List<TimeSeries> series) {
    String title;
    String caption;
    switch (group) {
      case "latency" -> {
        title = "Latency over time";
        caption = "Latency percentiles per operation kind over simulated time.";
      }
      case "throughput" -> {
        title = "Throughput and errors over time";
        caption = "Completions and errors per second over simulated time.";
      }
      case "lag" -> {
        title = "Replication lag over time";
        caption = "Replication lag per replica over simulated time.";
      }
      default -> {
        title = group;
        caption = "Series of group \"" + group + "\" over simulated time.";
      }
    }
    if (!report.faults().isEmpty()) {
      caption += " Shaded bands are fault windows; dashed lines are instant faults.";
    }
    XYSeriesCollection data = new XYSeriesCollection();
    Set<String> keys = new LinkedHashSet<>();
    Set<String> units = new LinkedHashSet<>();
    int thinned = 1;
    for (TimeSeries s : series) {
      String key = s.name();
      for (int n = 2; !keys.add(key); n++) {
        key = s.name() + " (" + n + ")";
      }
      units.add(s.unit());
      XYSeries xy = new XYSeries(key, false, true);
      double[][] points = Downsample.of(s.timesNanos(), s.values());
      thinned = Math.max(thinned, Downsample.bucketSize(s.timesNanos().length));
      for (int i = 0; i < points[0].length; i++) {
        double v = points[1][i];
        // A null y breaks the line: no data is drawn as a gap, not as zero.
        xy.add(points[0][i] / 1e9, Double.isFinite(v) ? Double.valueOf(v) : null);
      }
      data.addSeries(xy);
    }
    if (thinned > 1) {
      caption +=
          " Drawn from buckets of "
              + thinned
              + " intervals, each keeping its lowest and highest value; report.json holds every"
              + " interval.";
    }
    NumberAxis x = new NumberAxis("simulated time (s)");
    x.setAutoRangeIncludesZero(true);
    String unitText = String.join(", ", units);
    boolean named = unitText.isEmpty() || group.endsWith(" (" + unitText + ")");
    NumberAxis y = new NumberAxis(named ? group : group + " (" + unitText + ")");
    XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, false));
    JFreeChart chart = finish(title, plot, series.size());
    if (report.durationNanos() > 0) {
      x.setRange(0, report.durationNanos() / 1e9);
    }
    shadeFaults(plot, report.faults());
    return new Chart(name, title, caption, chart);
  }

  private static void shadeFaults(XYPlot plot, List<FaultSpan> faults) {
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    for (FaultSpan f : faults) {
      double start = f.startNanos() / 1e9;
      double end = f.endNanos() / 1e9;
      Marker marker;
      if (f.endNanos() > f.startNanos()) {
        IntervalMarker band = new IntervalMarker(start, end);
        band.setPaint(FAULT_FILL);
        band.setAlpha(1.0f);
        marker = band;
      } else {
        ValueMarker line = new ValueMarker(start);
        line.setPaint(FAULT_LINE);
        line.setStroke(
            new BasicStroke(
                1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
        marker = line;
      }
      marker.setLabel(f.label());
      marker.setLabelFont(labelFont);
      marker.setLabelPaint(FAULT_LINE);
      marker.setLabelBackgroundColor(LABEL_BACKGROUND);
      marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
      plot.addDomainMarker(marker, Layer.BACKGROUND);
    }
  }

  private static Chart spectrum(RunReport report) {
    XYSeriesCollection data = new XYSeriesCollection();
    Set<String> keys = new LinkedHashSet<>();
    double maxX = 0;
    for (OperationStats op : report.operations()) {
      if (!op.hasLatency()) {
        continue;
      }
      String key = op.kind();
      for (int n = 2; !keys.add(key); n++) {
        key = op.kind() + " (" + n + ")";
      }
      XYSeries xy = new XYSeries(key, false, true);
      // The same iteration HdrHistogram's .hgrm output uses, so the chart matches the file.
      for (HistogramIterationValue v : op.latencyNanos().percentiles(5)) {
        double p = v.getPercentileLevelIteratedTo();
        if (p >= 100.0) {
          continue;
        }
        double px = Math.log10(100.0 / (100.0 - p));
        maxX = Math.max(maxX, px);
        xy.add(px, v.getValueIteratedTo() / Hgrm.NANOS_PER_MS);
      }
      data.addSeries(xy);
    }
    double upper = Math.min(6, Math.max(4, Math.ceil(maxX)));
    NumberAxis x = new PercentileAxis("percentile");
    // A little room past the last tick, so its label is not clipped at the edge.
    x.setRange(0, upper + 0.2);
    NumberAxis y = new NumberAxis("latency (ms)");
    XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, false));
    String title = "Latency percentile spectrum";
    JFreeChart chart = finish(title, plot, data.getSeriesCount());
    return new Chart(
        "spectrum",
        title,
        "Latency of OK completions by percentile, per operation kind (x: 1/(1-p), log scale).",
        chart);
  }

  /** Theme, fonts, colours and locale-free number labels, the same for every chart. */
  static JFreeChart finish(String title, XYPlot plot, int seriesCount) {
    plot.setOrientation(PlotOrientation.VERTICAL);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
    StandardChartTheme theme = new StandardChartTheme("tradeoff");
    theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    theme.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.apply(chart);
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int i = 0; i < seriesCount; i++) {
      renderer.setSeriesPaint(i, LINE_COLOURS[i % LINE_COLOURS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(1.5f));
    }
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(TickFormat.units());
    if (!(plot.getDomainAxis() instanceof PercentileAxis)) {
      ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(TickFormat.units());
    }
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    return chart;
  }

  /**
   * An axis over {@code log10(1/(1-p))} whose ticks sit at fixed percentiles and read as
   * percentages, so the tail gets as much room as the median.
   */
  private static final class PercentileAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;

    PercentileAxis(String label) {
      super(label);
    }

    @Override
    public List<NumberTick> refreshTicks(
        Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      List<NumberTick> ticks = new ArrayList<>();
      for (int i = 0; i < SPECTRUM_TICKS.length; i++) {
        double value = Math.log10(100.0 / (100.0 - SPECTRUM_TICKS[i]));
        if (getRange().contains(value)) {
          ticks.add(
              new NumberTick(
                  TickType.MAJOR,
                  value,
                  SPECTRUM_LABELS[i],
                  TextAnchor.TOP_CENTER,
                  TextAnchor.CENTER,
                  0.0));
        }
      }
      return ticks;
    }
  }
}
