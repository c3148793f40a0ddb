package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The figures a decision between variants (of {@code compare}) or parameter points (of {@code
 * sweep}) rests on, one column each: availability, latency of every operation beside the OK-only
 * latency, stale reads, read-your-writes violations, lost writes, and for a run with faults the
 * outage (RTO) and the writes lost (RPO); the best value of each row is marked.
 *
 * <p>A row whose figure no column measured (its checker did not run) is left out; a column that did
 * not measure it shows {@code -}. The best value is marked only when the columns differ.
 */
public final class DecisionTable {
  /** Whether a row's best value is its highest or its lowest. */
  public enum Better {
    /** The highest value is best. */
    HIGHER,
    /** The lowest value is best. */
    LOWER
  }

  /**
   * One row: a figure per column, {@link Double#NaN} where the column did not measure it.
   *
   * @param name what the row measures, e.g. {@code availability}
   * @param unit the unit of its values, e.g. {@code %} or {@code ms}
   * @param better which end is best
   * @param values one value per column
   */
  public record Row(String name, String unit, Better better, double[] values) {
    /** Copies the values. */
    public Row {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(better, "better");
      values = values.clone();
    }

    /** Whether column {@code i} holds this row's best value (and the columns are not all tied). */
    public boolean best(int i) {
      double best = Double.NaN;
      double worst = Double.NaN;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          boolean better = this.better == Better.HIGHER ? v > best : v < best;
          best = Double.isNaN(best) || better ? v : best;
          boolean worse = this.better == Better.HIGHER ? v < worst : v > worst;
          worst = Double.isNaN(worst) || worse ? v : worst;
        }
      }
      return !Double.isNaN(values[i]) && values[i] == best && best != worst;
    }
  }

  /**
   * What one column is made of: one run, or every seed's run of a sweep point added up.
   *
   * @param label the variant's or point's label
   * @param runs how many runs it adds up (lost writes and RPO are shown per run)
   * @param operations every operation counted
   * @param ok those that completed OK
   * @param reads the read operations (queries included) counted
   * @param allLatencyNanos latency of every operation, failed and timed-out ones included
   * @param okLatencyNanos latency of OK operations
   * @param writeOutageNanos the longest time without an OK write on any run; -1 unknown
   * @param violations violations per checker that ran and decided on every run
   * @param faulted whether the runs had faults (RTO and RPO are shown only then)
   * @param costPerHour the variant's price per hour; NaN when no price was given
   */
  public record Column(
      String label,
      int runs,
      long operations,
      long ok,
      long reads,
      Histogram allLatencyNanos,
      Histogram okLatencyNanos,
      long writeOutageNanos,
      Map<String, Long> violations,
      boolean faulted,
      double costPerHour) {
    /** Copies the violations. */
    public Column {
      Objects.requireNonNull(label, "label");
      violations = Map.copyOf(violations);
    }

    /** The column of one run. */
    public static Column of(String label, RunReport r, double costPerHour) {
      List<Kind> kinds = new ArrayList<>();
      for (OperationStats o : r.operations()) {
        kinds.add(
            new Kind(
                o.kind(),
                o.count(),
                o.ok(),
                o.allLatencyNanos(),
                o.latencyNanos(),
                o.longestOkGapNanos()));
      }
      Map<String, Long> violations = new LinkedHashMap<>();
      for (CheckResult c : r.checks()) {
        if (c.verdict() != Verdict.UNKNOWN) {
          violations.put(c.checker(), c.violations());
        }
      }
      return of(label, 1, kinds, violations, !r.faults().isEmpty(), costPerHour);
    }

    /** The column of a sweep point: its seeds' runs added up. */
    public static Column of(
        String label, SweepPoint p, boolean faulted, List<String> decided, double costPerHour) {
      List<Kind> kinds = new ArrayList<>();
      for (SweepPoint.Kind k : p.operations()) {
        kinds.add(
            new Kind(
                k.kind(),
                k.count(),
                k.ok(),
                k.allLatencyNanos(),
                k.latencyNanos(),
                k.longestOkGapNanos()));
      }
      Map<String, Long> violations = new LinkedHashMap<>();
      for (String checker : decided) {
        violations.put(checker, p.violations().getOrDefault(checker, 0L));
      }
      return of(label, p.runs(), kinds, violations, faulted, costPerHour);
    }

    private static Column of(
        String label,
        int runs,
        List<Kind> kinds,
        Map<String, Long> violations,
        boolean faulted,
        double costPerHour) {
      long operations = 0;
      long ok = 0;
      long reads = 0;
      long outage = -1;
      Histogram all = new Histogram(3);
      Histogram okLatency = new Histogram(3);
      for (Kind k : kinds) {
        operations += k.count();
        ok += k.ok();
        all.add(k.all());
        okLatency.add(k.okLatency());
        if (k.kind().equals("read") || k.kind().equals("query")) {
          reads += k.count();
        }
        if (k.kind().equals("write")) {
          outage = k.longestOkGapNanos();
        }
      }
      return new Column(
          label,
          runs,
          operations,
          ok,
          reads,
          all,
          okLatency,
          outage,
          violations,
          faulted,
          costPerHour);
    }
  }

  private record Kind(
      String kind,
      long count,
      long ok,
      Histogram all,
      Histogram okLatency,
      long longestOkGapNanos) {}

  private final List<String> labels;
  private final List<Row> rows;

  private DecisionTable(List<String> labels, List<Row> rows) {
    this.labels = List.copyOf(labels);
    this.rows = List.copyOf(rows);
  }

  /** The table of {@code columns}, in their order. */
  public static DecisionTable of(List<Column> columns) {
    List<String> labels = columns.stream().map(Column::label).toList();
    List<Row> rows = new ArrayList<>();
    add(rows, "availability", "%", Better.HIGHER, columns, c -> percent(c.ok(), c.operations()));
    for (double p : new double[] {50, 99, 99.9}) {
      add(
          rows,
          "p" + pct(p) + " all ops",
          "ms",
          Better.LOWER,
          columns,
          c -> ms(c.allLatencyNanos(), p));
    }
    for (double p : new double[] {50, 99, 99.9}) {
      add(
          rows,
          "p" + pct(p) + " ok ops",
          "ms",
          Better.LOWER,
          columns,
          c -> ms(c.okLatencyNanos(), p));
    }
    add(
        rows,
        "stale reads",
        "% of reads",
        Better.LOWER,
        columns,
        c -> checked(c, "staleness", v -> percent(v, c.reads())));
    add(
        rows,
        "read-your-writes violations",
        "per 1000 reads",
        Better.LOWER,
        columns,
        c ->
            checked(
                c, "read-your-writes", v -> c.reads() == 0 ? Double.NaN : v * 1000.0 / c.reads()));
    add(
        rows,
        "lost writes",
        "per run",
        Better.LOWER,
        columns,
        c -> checked(c, "lost-writes", v -> (double) v / c.runs()));
    add(
        rows,
        "RTO (longest write outage)",
        "ms",
        Better.LOWER,
        columns,
        c -> c.faulted() && c.writeOutageNanos() >= 0 ? c.writeOutageNanos() / 1e6 : Double.NaN);
    add(
        rows,
        "RPO (acknowledged writes lost)",
        "per run",
        Better.LOWER,
        columns,
        c ->
            !c.faulted()
                ? Double.NaN
                : c.violations().containsKey("rpo")
                    ? (double) c.violations().get("rpo") / c.runs()
                    : checked(c, "lost-writes", v -> (double) v / c.runs()));
    add(rows, "cost", "per hour", Better.LOWER, columns, Column::costPerHour);
    return new DecisionTable(labels, rows);
  }

  private interface Figure {
    double of(Column c);
  }

  private interface Of {
    double of(long violations);
  }

  private static void add(
      List<Row> rows, String name, String unit, Better better, List<Column> columns, Figure f) {
    double[] values = new double[columns.size()];
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      values[i] = f.of(columns.get(i));
      any |= !Double.isNaN(values[i]);
    }
    if (any) {
      rows.add(new Row(name, unit, better, values));
    }
  }

  private static double checked(Column c, String checker, Of f) {
    Long v = c.violations().get(checker);
    return v == null ? Double.NaN : f.of(v);
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? Double.NaN : 100.0 * part / whole;
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
  }

  private static String pct(double p) {
    return p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p);
  }

  /** The columns' labels, in order. */
  public List<String> labels() {
    return labels;
  }

  /** The rows, in a fixed order: availability first, cost last. */
  public List<Row> rows() {
    return rows;
  }

  /** A value as the tables print it: up to three decimals, {@code -} when not measured. */
  static String text(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    String t = Numbers.sig6(v);
    java.math.BigDecimal d =
        new java.math.BigDecimal(t).setScale(3, java.math.RoundingMode.HALF_EVEN);
    return d.stripTrailingZeros().toPlainString();
  }

  /** The widest line {@link #text()} prints, in characters, when there is more than one column. */
  public static final int PAGE_WIDTH = 100;

  /**
   * The console table: one line per row, {@code *} after each row's best value. A table wider than
   * {@value #PAGE_WIDTH} characters is wrapped: its columns are printed in blocks that each fit,
   * every block repeating the figure names, so a sweep of many points never scrolls sideways.
   */
  public String text() {
    List<String> header = new ArrayList<>();
    header.add("decision");
    header.addAll(labels);
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (Row r : rows) {
      List<String> line = new ArrayList<>();
      line.add(r.name() + " (" + r.unit() + ")");
      for (int i = 0; i < labels.size(); i++) {
        line.add(text(r.values()[i]) + (r.best(i) ? " *" : "  "));
      }
      lines.add(line);
    }
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int c = 0; c < line.size(); c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    int from = 1;
    while (from < widths.length) {
      int width = 2 + widths[0] + 2 + widths[from] + 2;
      int to = from + 1;
      while (to < widths.length && width + widths[to] + 2 <= PAGE_WIDTH) {
        width += widths[to++] + 2;
      }
      sb.append(from > 1 ? "\n" : "");
      block(sb, lines, widths, from, to);
      from = to;
    }
    if (widths.length == 1) {
      block(sb, lines, widths, 1, 1);
    }
    return sb.append("  (* best of the row)\n").toString();
  }

  /** Prints the figure column and columns {@code [from, to)} of {@code lines}. */
  private static void block(
      StringBuilder sb, List<List<String>> lines, int[] widths, int from, int to) {
    for (List<String> line : lines) {
      StringBuilder l = new StringBuilder("  ");
      for (int c = 0; c < line.size(); c++) {
        if (c == 0 || (c >= from && c < to)) {
          String cell = line.get(c);
          String pad = " ".repeat(widths[c] - cell.length());
          l.append(c == 0 ? cell + pad : pad + cell).append("  ");
        }
      }
      sb.append(l.toString().stripTrailing()).append('\n');
    }
  }

  /**
   * The table as CSV (RFC 4180): a header {@code figure,unit,better,<label>…,best}, then one line
   * per row; an unmeasured value is empty, {@code best} names the best columns joined by {@code |}.
   */
  public String csv() {
    StringBuilder sb = new StringBuilder("figure,unit,better");
    for (String l : labels) {
      sb.append(',').append(csvCell(l));
    }
    sb.append(",best\n");
    for (Row r : rows) {
      sb.append(csvCell(r.name()))
          .append(',')
          .append(csvCell(r.unit()))
          .append(',')
          .append(r.better().name().toLowerCase(java.util.Locale.ROOT));
      List<String> best = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        double v = r.values()[i];
        sb.append(',').append(Double.isNaN(v) ? "" : Numbers.sig6(v));
        if (r.best(i)) {
          best.add(labels.get(i));
        }
      }
      sb.append(',').append(csvCell(String.join("|", best))).append('\n');
    }
    return sb.toString();
  }

  /** A CSV cell, quoted when it holds a comma, quote or line break. */
  static String csvCell(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /**
   * The table as JSON values: {@code [{"figure", "unit", "better", "values": {label: number or
   * null}, "best": [label…]}…]}.
   */
  public List<Object> json() {
    List<Object> out = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("figure", r.name());
      m.put("unit", r.unit());
      m.put("better", r.better().name().toLowerCase(java.util.Locale.ROOT));
      Map<String, Object> values = new LinkedHashMap<>();
      List<Object> best = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        values.put(labels.get(i), Numbers.sig6Json(r.values()[i]));
        if (r.best(i)) {
          best.add(labels.get(i));
        }
      }
      m.put("values", values);
      m.put("best", best);
      out.add(m);
    }
    return out;
  }

  /**
   * The table as an HTML {@code <table class="decision">}, best cells in bold: one row per figure,
   * or, when there are more columns than figures (a sweep of many points), transposed into one row
   * per column and one column per figure ({@code class="decision transposed"}), so the page grows
   * down instead of sideways.
   */
  public String html() {
    return labels.size() > rows.size() ? transposedHtml() : rowsHtml();
  }

  private String rowsHtml() {
    StringBuilder h = new StringBuilder("<table class=\"decision\">\n<tr><th>decision</th>");
    for (String l : labels) {
      h.append("<th>").append(HtmlPage.esc(l)).append("</th>");
    }
    h.append("</tr>\n");
    for (Row r : rows) {
      h.append("<tr><th>").append(HtmlPage.esc(r.name() + " (" + r.unit() + ")")).append("</th>");
      for (int i = 0; i < labels.size(); i++) {
        h.append(cell(r, i));
      }
      h.append("</tr>\n");
    }
    return h.append("</table>\n").toString();
  }

  private String transposedHtml() {
    StringBuilder h =
        new StringBuilder("<table class=\"decision transposed\">\n<tr><th>decision</th>");
    for (Row r : rows) {
      h.append("<th>").append(HtmlPage.esc(r.name() + " (" + r.unit() + ")")).append("</th>");
    }
    h.append("</tr>\n");
    for (int i = 0; i < labels.size(); i++) {
      h.append("<tr><th>").append(HtmlPage.esc(labels.get(i))).append("</th>");
      for (Row r : rows) {
        h.append(cell(r, i));
      }
      h.append("</tr>\n");
    }
    return h.append("</table>\n").toString();
  }

  private static String cell(Row r, int i) {
    String v = HtmlPage.esc(text(r.values()[i]));
    return r.best(i) ? "<td class=\"best\"><b>" + v + "</b></td>" : "<td>" + v + "</td>";
  }
}
