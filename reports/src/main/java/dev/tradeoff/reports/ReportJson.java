package dev.tradeoff.reports;

import static dev.tradeoff.reports.JsonRead.arr;
import static dev.tradeoff.reports.JsonRead.integer;
import static dev.tradeoff.reports.JsonRead.obj;
import static dev.tradeoff.reports.JsonRead.str;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json.Obj;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.json}, schema {@value #SCHEMA}, documented field by field in {@code
 * docs/report-format.md}, and reads it back ({@link #parse}) into the run record every other file
 * of a report folder is drawn from.
 *
 * <p>Contract: the text is a function of the {@link RunReport} alone — no wall clock, no locale, no
 * hash order — so equal reports give byte-identical files. Keys appear in a fixed order; times are
 * exact milliseconds, latencies milliseconds rounded to three decimals, other doubles six
 * significant digits; NaN and infinities are {@code null}; raw nanosecond figures in text a person
 * reads (witnesses, details, observed values) are rewritten in ms or s; each operation kind carries
 * its whole latency histogram ({@link HistogramCodec}). The text ends with one newline. {@link
 * #parse} inverts {@link #render}: {@code render(parse(text))} equals {@code text}.
 */
public final class ReportJson {
  /** The schema name and major version. Additions keep it; any other change bumps it. */
  public static final String SCHEMA = "tradeoff.report/1";

  /** How many witnesses per check the file keeps. */
  public static final int MAX_WITNESSES = 5;

  private ReportJson() {}

  /** The report as {@code report.json} text. */
  public static String render(RunReport report) {
    return Json.write(tree(report)) + "\n";
  }

  /** The lower-case word for a verdict, as the JSON and the summary spell it. */
  public static String word(Verdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> tree(RunReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", SCHEMA);
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", "tradeoff");
    tool.put("version", r.toolVersion());
    root.put("tool", tool);
    root.put("scenario", Json.tree(r.scenario()));
    root.put("scenarioName", r.scenarioName());
    root.put("description", r.description());
    root.put("observe", r.observe());
    root.put("seed", r.seed());
    root.put("traceHash", Numbers.hex16(r.traceHash()));
    root.put("durationMs", new Json.Num(Numbers.exactMs(r.durationNanos())));
    root.put("verdict", word(r.verdict()));
    root.put("headline", SummaryText.headline(r));
    root.put("expectations", expectations(r.expectations()));
    root.put("operations", operations(r.operations(), true));
    root.put("checks", checks(r.checks()));
    root.put("series", series(r.series()));
    root.put("faults", faults(r.faults()));
    root.put("replay", r.replayCommand());
    if (!r.story().equals(Story.EMPTY)) {
      root.put("story", StoryJson.write(r.story()));
    }
    return root;
  }

  /** {@code held}, {@code violated} or {@code unknown}. */
  static String outcomeWord(Verdict outcome) {
    return switch (outcome) {
      case VALID -> "held";
      case INVALID -> "violated";
      case UNKNOWN -> "unknown";
    };
  }

  private static List<Object> expectations(List<ExpectationResult> expectations) {
    List<Object> out = new ArrayList<>();
    for (ExpectationResult e : expectations) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("text", e.text());
      m.put("held", e.outcome() == Verdict.UNKNOWN ? null : e.held());
      m.put("outcome", outcomeWord(e.outcome()));
      m.put("observed", Numbers.readableTimes(e.observed()));
      out.add(m);
    }
    return out;
  }

  /**
   * Each kind's counts, throughput and latency percentiles, keyed by kind; with {@code histograms},
   * also its whole latency histogram ({@link HistogramCodec}), which {@code report.json} carries
   * and {@code compare.json} leaves to the runs' own files.
   */
  static Map<String, Object> operations(List<OperationStats> operations, boolean histograms) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OperationStats op : operations) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", op.count());
      m.put("ok", op.ok());
      m.put("fail", op.fail());
      m.put("info", op.info());
      m.put("throughputPerSec", Numbers.sig6Json(op.throughputPerSec()));
      m.put("latencyMs", latency(op));
      if (op.hasAllLatency()) {
        m.put("allLatencyMs", allLatency(op.allLatencyNanos()));
      }
      if (op.longestOkGapNanos() >= 0) {
        m.put("longestOkGapNanos", op.longestOkGapNanos());
      }
      if (histograms) {
        m.put("histogram", HistogramCodec.encode(op.latencyNanos()));
        if (op.hasAllLatency()) {
          m.put("allHistogram", HistogramCodec.encode(op.allLatencyNanos()));
        }
      }
      if (out.put(op.kind(), m) != null) {
        throw new IllegalArgumentException("operation kind listed twice: " + op.kind());
      }
    }
    return out;
  }

  private static Map<String, Object> latency(OperationStats op) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean any = op.hasLatency();
    m.put("p50", any ? Numbers.ms3Json(op.latencyAtPercentileNanos(50)) : null);
    m.put("p90", any ? Numbers.ms3Json(op.latencyAtPercentileNanos(90)) : null);
    m.put("p99", any ? Numbers.ms3Json(op.latencyAtPercentileNanos(99)) : null);
    m.put("p999", any ? Numbers.ms3Json(op.latencyAtPercentileNanos(99.9)) : null);
    m.put("max", any ? Numbers.ms3Json(op.latencyNanos().getMaxValue()) : null);
    m.put("mean", any ? Numbers.ms3Json(op.latencyNanos().getMean()) : null);
    return m;
  }

  /** Percentiles of every operation's latency, failed and timed-out ones included. */
  private static Map<String, Object> allLatency(org.HdrHistogram.Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", Numbers.ms3Json(h.getValueAtPercentile(50)));
    m.put("p99", Numbers.ms3Json(h.getValueAtPercentile(99)));
    m.put("p999", Numbers.ms3Json(h.getValueAtPercentile(99.9)));
    m.put("max", Numbers.ms3Json(h.getMaxValue()));
    return m;
  }

  private static List<Object> checks(List<CheckResult> checks) {
    List<Object> out = new ArrayList<>();
    for (CheckResult c : checks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.checker());
      m.put("verdict", word(c.verdict()));
      m.put("violations", c.violations());
      List<Object> witnesses = new ArrayList<>();
      for (String w : c.witnesses().subList(0, Math.min(MAX_WITNESSES, c.witnesses().size()))) {
        witnesses.add(Numbers.readableTimes(w));
      }
      m.put("witnesses", witnesses);
      m.put("detail", Numbers.readableTimes(c.detail()));
      m.put("visibility", visibility(c.visibility()));
      out.add(m);
    }
    return out;
  }

  /** t-visibility points: delay in exact ms, reads, consistent reads, their share (or null). */
  private static List<Object> visibility(List<StalenessReport.Visibility> points) {
    List<Object> out = new ArrayList<>();
    for (StalenessReport.Visibility v : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tMs", new Json.Num(Numbers.exactMs(v.delayNanos())));
      m.put("reads", v.reads());
      m.put("consistent", v.visible());
      m.put("pConsistent", v.reads() == 0 ? null : Numbers.sig6Json(v.share()));
      out.add(m);
    }
    return out;
  }

  private static List<Object> series(List<TimeSeries> series) {
    List<Object> out = new ArrayList<>();
    for (TimeSeries s : series) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", s.group());
      m.put("name", s.name());
      m.put("unit", s.unit());
      List<Object> times = new ArrayList<>();
      for (long t : s.timesNanos()) {
        times.add(new Json.Num(Numbers.exactMs(t)));
      }
      List<Object> values = new ArrayList<>();
      for (double v : s.values()) {
        values.add(Numbers.sig6Json(v));
      }
      m.put("timesMs", times);
      m.put("values", values);
      out.add(m);
    }
    return out;
  }

  private static List<Object> faults(List<FaultSpan> faults) {
    List<Object> out = new ArrayList<>();
    for (FaultSpan f : faults) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", f.label());
      m.put("startMs", new Json.Num(Numbers.exactMs(f.startNanos())));
      m.put("endMs", new Json.Num(Numbers.exactMs(f.endNanos())));
      out.add(m);
    }
    return out;
  }

  /**
   * The run as {@code report.json} carries it: {@code parse(render(report))}. Series values and
   * throughputs are rounded as the file writes them, witnesses cut to {@value #MAX_WITNESSES} and
   * their times written readably; everything else is as it was. Every file of a report folder is
   * drawn from this record, so the folder can be rendered again from {@code report.json} alone.
   */
  public static RunReport record(RunReport report) {
    return parse(render(report));
  }

  /**
   * Reads {@code report.json} text back into the run record it was rendered from: {@code
   * render(parse(text))} equals {@code text} for every file {@link #render} wrote. Derived fields
   * ({@code headline}, {@code latencyMs}, {@code held}, {@code pConsistent}) are not read; they are
   * computed again from the rest.
   *
   * @throws IllegalArgumentException with a one-line message when the text is not a {@value
   *     #SCHEMA} file, or a field is missing or of the wrong type
   */
  public static RunReport parse(String text) {
    return JsonRead.file(text, SCHEMA, ReportJson::report);
  }

  private static RunReport report(Map<String, Object> root) {
    List<ExpectationResult> expectations = new ArrayList<>();
    for (Object o : arr(root.get("expectations"), "expectations")) {
      expectations.add(expectation(o, "expectations[]"));
    }
    List<OperationStats> operations = new ArrayList<>();
    for (Map.Entry<String, Object> e : obj(root.get("operations"), "operations").entrySet()) {
      String where = "operations." + e.getKey();
      Map<String, Object> o = obj(e.getValue(), where);
      if (!o.containsKey("histogram")) {
        throw new IllegalArgumentException(
            where + ".histogram missing (a report.json written before tradeoff kept histograms)");
      }
      operations.add(
          new OperationStats(
              e.getKey(),
              integer(o.get("count"), where + ".count"),
              integer(o.get("ok"), where + ".ok"),
              integer(o.get("fail"), where + ".fail"),
              integer(o.get("info"), where + ".info"),
              JsonRead.number(o.get("throughputPerSec"), where + ".throughputPerSec"),
              HistogramCodec.decode(str(o.get("histogram"), where + ".histogram"), where),
              o.containsKey("allHistogram")
                  ? HistogramCodec.decode(
                      str(o.get("allHistogram"), where + ".allHistogram"), where)
                  : new org.HdrHistogram.Histogram(3),
              o.containsKey("longestOkGapNanos")
                  ? integer(o.get("longestOkGapNanos"), where + ".longestOkGapNanos")
                  : -1));
    }
    List<CheckResult> checks = new ArrayList<>();
    for (Object o : arr(root.get("checks"), "checks")) {
      checks.add(check(obj(o, "checks[]")));
    }
    List<TimeSeries> series = new ArrayList<>();
    for (Object o : arr(root.get("series"), "series")) {
      Map<String, Object> m = obj(o, "series[]");
      List<Object> times = arr(m.get("timesMs"), "series[].timesMs");
      List<Object> values = arr(m.get("values"), "series[].values");
      long[] t = new long[times.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = JsonRead.nanos(times.get(i), "series[].timesMs[]");
      }
      double[] v = new double[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = JsonRead.number(values.get(i), "series[].values[]");
      }
      series.add(
          new TimeSeries(
              str(m.get("group"), "series[].group"),
              str(m.get("name"), "series[].name"),
              str(m.get("unit"), "series[].unit"),
              t,
              v));
    }
    List<FaultSpan> faults = new ArrayList<>();
    for (Object o : arr(root.get("faults"), "faults")) {
      Map<String, Object> f = obj(o, "faults[]");
      faults.add(
          new FaultSpan(
              str(f.get("label"), "faults[].label"),
              JsonRead.nanos(f.get("startMs"), "faults[].startMs"),
              JsonRead.nanos(f.get("endMs"), "faults[].endMs")));
    }
    return new RunReport(
        str(obj(root.get("tool"), "tool").get("version"), "tool.version"),
        str(root.get("scenarioName"), "scenarioName"),
        str(root.get("description"), "description"),
        str(root.get("observe"), "observe"),
        (Obj) Json.value(obj(root.get("scenario"), "scenario")),
        integer(root.get("seed"), "seed"),
        JsonRead.nanos(root.get("durationMs"), "durationMs"),
        JsonRead.hex(root.get("traceHash"), "traceHash"),
        JsonRead.verdict(root.get("verdict"), "verdict"),
        expectations,
        operations,
        checks,
        series,
        faults,
        str(root.get("replay"), "replay"),
        StoryJson.read(root.get("story")));
  }

  /**
   * An expectation as both files write it, {@code text}, {@code outcome} and {@code observed}
   * (other fields, such as {@code held}, are derived and not read); {@code where} names it in
   * errors.
   */
  static ExpectationResult expectation(Object o, String where) {
    Map<String, Object> x = obj(o, where);
    return new ExpectationResult(
        str(x.get("text"), where + ".text"),
        JsonRead.outcome(x.get("outcome"), where + ".outcome"),
        str(x.get("observed"), where + ".observed"));
  }

  private static CheckResult check(Map<String, Object> c) {
    String name = str(c.get("name"), "checks[].name");
    String where = "checks[" + name + "]";
    List<String> witnesses = new ArrayList<>();
    for (Object w : arr(c.get("witnesses"), where + ".witnesses")) {
      witnesses.add(str(w, where + ".witnesses[]"));
    }
    List<StalenessReport.Visibility> visibility = new ArrayList<>();
    for (Object o : arr(c.get("visibility"), where + ".visibility")) {
      Map<String, Object> v = obj(o, where + ".visibility[]");
      visibility.add(
          new StalenessReport.Visibility(
              JsonRead.nanos(v.get("tMs"), where + ".visibility[].tMs"),
              integer(v.get("reads"), where + ".visibility[].reads"),
              integer(v.get("consistent"), where + ".visibility[].consistent")));
    }
    return new CheckResult(
        name,
        JsonRead.verdict(c.get("verdict"), where + ".verdict"),
        integer(c.get("violations"), where + ".violations"),
        witnesses,
        str(c.get("detail"), where + ".detail"),
        visibility);
  }
}
