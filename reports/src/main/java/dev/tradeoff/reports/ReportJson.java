package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.json}, schema {@value #SCHEMA}, documented field by field in {@code
 * docs/report-format.md}.
 *
 * <p>Contract: the text is a function of the {@link RunReport} alone — no wall clock, no locale, no
 * hash order — so equal reports give byte-identical files. Keys appear in a fixed order; times are
 * exact milliseconds, latencies milliseconds rounded to three decimals, other doubles six
 * significant digits; NaN and infinities are {@code null}; raw nanosecond figures in text a person
 * reads (witnesses, details, observed values) are rewritten in ms or s. The text ends with one
 * newline.
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
    root.put("operations", operations(r.operations()));
    root.put("checks", checks(r.checks()));
    root.put("series", series(r.series()));
    root.put("faults", faults(r.faults()));
    root.put("replay", r.replayCommand());
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

  static Map<String, Object> operations(List<OperationStats> operations) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OperationStats op : operations) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", op.count());
      m.put("ok", op.ok());
      m.put("fail", op.fail());
      m.put("info", op.info());
      m.put("throughputPerSec", Numbers.sig6Json(op.throughputPerSec()));
      m.put("latencyMs", latency(op));
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
}
