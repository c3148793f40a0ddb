package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json.Obj;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Several runs of one scenario side by side — the same seed, workload and faults, each with its own
 * variant of the configuration — as {@code tradeoff compare} writes them.
 *
 * <p>A comparison folder holds {@code compare.json} (schema {@value #SCHEMA}), {@code summary.txt}
 * (the side-by-side table the console shows), {@code decision.csv} and {@code variants.csv} (the
 * decision and operations tables as CSV, {@link OperationsCsv}), {@code index.html} (verdicts, the
 * table, and charts with every variant's lines overlaid: latency over time, throughput over time,
 * the percentile spectrum), the charts as SVG and PNG under {@code charts/}, and each run's own
 * report folder under {@code runs/<n>-<label>/}.
 *
 * @param scenarioName the scenario compared
 * @param labels one label per variant, e.g. {@code workers=4}
 * @param runs one report per variant, in the same order
 */
public record Comparison(String scenarioName, List<String> labels, List<RunReport> runs) {
  /** The schema tag of {@code compare.json}. */
  public static final String SCHEMA = "tradeoff.compare/1";

  /** Checks there is one label per run, and at least one run. */
  public Comparison {
    Objects.requireNonNull(scenarioName, "scenarioName");
    labels = List.copyOf(labels);
    runs = List.copyOf(runs);
    if (labels.size() != runs.size() || runs.isEmpty()) {
      throw new IllegalArgumentException(
          labels.size() + " labels for " + runs.size() + " runs; need one each, at least one");
    }
  }

  /** The worst verdict: invalid if any run was, else unknown if any was, else valid. */
  public Verdict verdict() {
    boolean unknown = false;
    for (RunReport r : runs) {
      if (r.verdict() == Verdict.INVALID) {
        return Verdict.INVALID;
      }
      unknown |= r.verdict() == Verdict.UNKNOWN;
    }
    return unknown ? Verdict.UNKNOWN : Verdict.VALID;
  }

  /** Writes the comparison folder, replacing {@code dir} as a whole (see {@link ReportFolder}). */
  public List<String> write(Path dir) throws IOException {
    return write(dir, false);
  }

  /** As {@link #write(Path)}; {@code force} replaces a folder tradeoff did not write. */
  public List<String> write(Path dir, boolean force) throws IOException {
    return ReportFolder.replace(dir, this::fill, force);
  }

  private List<String> fill(Path root) throws IOException {
    List<String> written = new ArrayList<>();
    Files.createDirectory(root.resolve("runs"));
    FileNames names = new FileNames();
    for (int i = 0; i < runs.size(); i++) {
      String folder = "runs/" + names.stem((i + 1) + "-" + labels.get(i));
      Path dir = root.resolve(folder);
      Files.createDirectory(dir);
      for (String file : ReportFolder.fill(dir, runs.get(i))) {
        written.add(folder + "/" + file);
      }
    }
    List<Chart> charts = charts();
    FolderFiles.charts(root, charts, written);
    FolderFiles.text(root, "compare.json", json(), written);
    FolderFiles.text(root, "decision.csv", decision().csv(), written);
    FolderFiles.text(root, "variants.csv", OperationsCsv.variants(this), written);
    FolderFiles.text(root, "summary.txt", summary(), written);
    FolderFiles.text(root, "index.html", html(charts), written);
    written.sort(null);
    return List.copyOf(written);
  }

  /**
   * The overlaid charts: {@link Charts#of} over one report whose series and operations are every
   * variant's, each name prefixed by its variant's label, with the first run's fault windows.
   */
  public List<Chart> charts() {
    List<TimeSeries> series = new ArrayList<>();
    List<OperationStats> operations = new ArrayList<>();
    long duration = 0;
    for (int i = 0; i < runs.size(); i++) {
      String label = labels.get(i);
      RunReport r = runs.get(i);
      duration = Math.max(duration, r.durationNanos());
      for (TimeSeries s : r.series()) {
        boolean p99 = s.group().equals("latency") && s.name().endsWith("p99");
        if (p99 || s.group().equals("throughput") || s.group().equals("lag")) {
          series.add(
              new TimeSeries(
                  s.group(), label + ": " + s.name(), s.unit(), s.timesNanos(), s.values()));
        }
      }
      for (OperationStats o : r.operations()) {
        operations.add(
            new OperationStats(
                label + ": " + o.kind(),
                o.count(),
                o.ok(),
                o.fail(),
                o.info(),
                o.throughputPerSec(),
                o.latencyNanos()));
      }
    }
    RunReport first = runs.get(0);
    RunReport overlay =
        new RunReport(
            first.toolVersion(),
            scenarioName,
            "",
            "",
            new Obj(Map.of(), -1),
            first.seed(),
            duration,
            0,
            verdict(),
            List.of(),
            operations,
            List.of(),
            series,
            first.faults(),
            "");
    return Charts.of(overlay);
  }

  /**
   * The decision table: availability, latency of all and of OK operations, stale reads,
   * read-your-writes violations, lost writes, RTO and RPO, one column per variant.
   */
  public DecisionTable decision() {
    List<DecisionTable.Column> columns = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunReport r = runs.get(i);
      columns.add(DecisionTable.Column.of(labels.get(i), r, costPerHour(r)));
    }
    return DecisionTable.of(columns);
  }

  /**
   * The run's price per hour: the scenario's {@code pricePerNodeHour} times its system's nodes
   * (those with a CPU series, clients excluded); NaN without a price.
   */
  static double costPerHour(RunReport r) {
    dev.tradeoff.core.json.Json.Field f = r.scenario().fields().get("pricePerNodeHour");
    if (f == null || !(f.value() instanceof dev.tradeoff.core.json.Json.Num price)) {
      return Double.NaN;
    }
    long nodes =
        r.series().stream()
            .filter(t -> t.group().equals("cpu.utilisation"))
            .filter(t -> !t.name().startsWith("client-"))
            .count();
    return Double.parseDouble(price.text()) * nodes;
  }

  /** The side-by-side table: one column per variant. */
  public String summary() {
    List<String> header = new ArrayList<>();
    header.add("");
    header.addAll(labels);
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        row(
            "verdict",
            r -> ReportJson.word(r.verdict()) + " - " + Findings.expectations(r.expectations())));
    rows.add(row("trace hash", r -> Numbers.hex16(r.traceHash())));
    for (String kind : kinds()) {
      rows.add(row(kind + " ok", r -> stat(r, kind, o -> Long.toString(o.ok()))));
      rows.add(row(kind + " errors", r -> stat(r, kind, o -> Long.toString(o.fail() + o.info()))));
      rows.add(
          row(kind + " ops/s", r -> stat(r, kind, o -> Numbers.rateFixed(o.throughputPerSec()))));
      for (double p : new double[] {50, 99, 99.9}) {
        String name = kind + " p" + (p == 99.9 ? "99.9" : Integer.toString((int) p)) + " ms";
        rows.add(
            row(
                name,
                r ->
                    stat(
                        r,
                        kind,
                        o ->
                            o.hasLatency()
                                ? Numbers.msFixed(o.latencyAtPercentileNanos(p))
                                : "-")));
      }
    }
    for (String checker : checkers()) {
      rows.add(row(checker, r -> check(r, checker)));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("COMPARE: ")
        .append(scenarioName)
        .append(", seed ")
        .append(runs.get(0).seed())
        .append(" - ")
        .append(verdictLine())
        .append("\n\n");
    sb.append(decision().text()).append('\n');
    table(sb, header, rows);
    sb.append('\n');
    for (int i = 0; i < runs.size(); i++) {
      sb.append("variant ")
          .append(labels.get(i))
          .append(": ")
          .append(runs.get(i).replayCommand())
          .append('\n');
    }
    return BidiControls.shown(sb.toString()); // variant labels may hold bidi controls
  }

  private String verdictLine() {
    long valid = runs.stream().filter(r -> r.verdict() == Verdict.VALID).count();
    return valid + " of " + runs.size() + " variants held every expectation";
  }

  /**
   * What the checkers found in each variant's system, e.g. {@code a: split brain; b: no split
   * brain}; empty when no variant ran a checker.
   */
  private String systemsLine() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      String system = Findings.system(runs.get(i).checks());
      if (!system.isEmpty()) {
        parts.add(labels.get(i) + ": " + system.substring("the system: ".length()));
      }
    }
    return String.join("; ", parts);
  }

  private interface Cell {
    String of(RunReport r);
  }

  private interface StatCell {
    String of(OperationStats o);
  }

  private List<String> row(String name, Cell cell) {
    List<String> row = new ArrayList<>();
    row.add(name);
    for (RunReport r : runs) {
      row.add(cell.of(r));
    }
    return row;
  }

  private static String stat(RunReport r, String kind, StatCell cell) {
    for (OperationStats o : r.operations()) {
      if (o.kind().equals(kind)) {
        return cell.of(o);
      }
    }
    return "-";
  }

  private static String check(RunReport r, String checker) {
    for (CheckResult c : r.checks()) {
      if (c.checker().equals(checker)) {
        return c.verdict() == Verdict.INVALID
            ? c.violations() + " violations"
            : ReportJson.word(c.verdict());
      }
    }
    return "-";
  }

  private Set<String> kinds() {
    Set<String> kinds = new LinkedHashSet<>();
    runs.forEach(r -> r.operations().forEach(o -> kinds.add(o.kind())));
    return kinds;
  }

  private Set<String> checkers() {
    Set<String> checkers = new LinkedHashSet<>();
    runs.forEach(r -> r.checks().forEach(c -> checkers.add(c.checker())));
    return checkers;
  }

  private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        line.append(c == 0 ? cell + pad : pad + cell).append("  ");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** {@code compare.json}. */
  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", SCHEMA);
    root.put("scenarioName", scenarioName);
    root.put("seed", runs.get(0).seed());
    root.put("verdict", ReportJson.word(verdict()));
    List<Object> variants = new ArrayList<>();
    FileNames names = new FileNames();
    for (int i = 0; i < runs.size(); i++) {
      RunReport r = runs.get(i);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("label", labels.get(i));
      v.put("folder", "runs/" + names.stem((i + 1) + "-" + labels.get(i)));
      v.put("verdict", ReportJson.word(r.verdict()));
      v.put("traceHash", Numbers.hex16(r.traceHash()));
      v.put("operations", ReportJson.operations(r.operations(), false));
      Map<String, Object> checks = new LinkedHashMap<>();
      for (CheckResult c : r.checks()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", ReportJson.word(c.verdict()));
        m.put("violations", c.violations());
        checks.put(c.checker(), m);
      }
      v.put("checks", checks);
      v.put("replay", r.replayCommand());
      variants.add(v);
    }
    root.put("variants", variants);
    root.put("decision", decision().json());
    return Json.write(root) + "\n";
  }

  private String html(List<Chart> charts) {
    StringBuilder h = new StringBuilder();
    String verdict = ReportJson.word(verdict());
    HtmlPage.head(h, "compare - " + scenarioName + " - tradeoff", HtmlPage.CSS);
    h.append("<div class=\"verdict ")
        .append(verdict)
        // As on a run's page: not the green of "all is well" when a checker found a violation.
        .append(
            verdict().equals(Verdict.VALID)
                    && runs.stream().anyMatch(r -> Findings.systemViolated(r.checks()))
                ? " mixed"
                : "")
        .append("\" id=\"verdict\" data-verdict=\"")
        .append(verdict)
        .append("\">")
        .append(HtmlPage.esc(Findings.capitalised(verdictLine())))
        .append("<small>")
        .append(HtmlPage.esc(systemsLine().isEmpty() ? "No checkers ran." : systemsLine()))
        .append("</small></div>\n<h1>")
        .append(HtmlPage.esc(scenarioName))
        .append(" — variants side by side</h1>\n<h2>Decision</h2>\n")
        .append(decision().html())
        .append(
            "<p>Bold: the best value of the row. As CSV: <a href=\"decision.csv\">decision.csv</a>.</p>\n")
        .append("<h2>Side by side</h2>\n<pre>")
        .append(HtmlPage.esc(summary()))
        .append("</pre>\n");
    HtmlPage.charts(h, charts, ", every variant overlaid. ");
    h.append("<h2>Runs</h2>\n<ul>\n");
    FileNames names = new FileNames();
    for (int i = 0; i < runs.size(); i++) {
      String folder = "runs/" + names.stem((i + 1) + "-" + labels.get(i));
      h.append("<li><a href=\"")
          .append(HtmlPage.esc(folder + "/index.html"))
          .append("\">")
          .append(HtmlPage.esc(labels.get(i)))
          .append("</a>: ")
          .append(HtmlPage.esc(ReportJson.word(runs.get(i).verdict())))
          .append("</li>\n");
    }
    return h.append("</ul>\n</body>\n</html>\n").toString();
  }
}
