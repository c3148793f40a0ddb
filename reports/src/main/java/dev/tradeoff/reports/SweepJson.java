package dev.tradeoff.reports;

import static dev.tradeoff.reports.JsonRead.arr;
import static dev.tradeoff.reports.JsonRead.integer;
import static dev.tradeoff.reports.JsonRead.obj;
import static dev.tradeoff.reports.JsonRead.str;

import dev.tradeoff.core.json.Json.Obj;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads {@code sweep.json}, schema {@value #SCHEMA}, documented in {@code
 * docs/report-format.md}.
 *
 * <p>Contract: the text is a function of the {@link SweepReport} alone (no wall clock, locale or
 * hash order), and {@link #parse} inverts {@link #render}: {@code render(parse(render(r)))} equals
 * {@code render(r)}, which is what lets {@code tradeoff merge} write the same file as an unsharded
 * sweep. The {@code points} aggregates are recomputed from the items when written and ignored when
 * read.
 */
public final class SweepJson {
  /** The schema name and major version. Additions keep it; any other change bumps it. */
  public static final String SCHEMA = "tradeoff.sweep/1";

  private SweepJson() {}

  /** The sweep as {@code sweep.json} text, ending with one newline. */
  public static String render(SweepReport r) {
    return Json.write(tree(r)) + "\n";
  }

  private static Map<String, Object> tree(SweepReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", SCHEMA);
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", "tradeoff");
    tool.put("version", r.toolVersion());
    root.put("tool", tool);
    root.put("scenarioName", r.scenarioName());
    root.put("scenario", Json.tree(r.scenario()));
    root.put("sets", new ArrayList<Object>(r.sets()));
    List<Object> params = new ArrayList<>();
    for (SweepParam p : r.params()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", p.path());
      m.put("values", new ArrayList<Object>(p.values()));
      params.add(m);
    }
    root.put("params", params);
    List<Object> seeds = new ArrayList<>();
    for (long s : r.seeds()) {
      seeds.add(num(s));
    }
    root.put("seeds", seeds);
    root.put("points", num(r.pointCount()));
    root.put("runs", num(r.runCount()));
    root.put("shard", r.shard() == null ? null : r.shard().toString());
    List<SweepPoint> points = SweepPoint.of(r);
    int[] verdicts = new int[3];
    for (SweepPoint p : points) {
      verdicts[0] += p.valid();
      verdicts[1] += p.invalid();
      verdicts[2] += p.unknown();
    }
    root.put("verdicts", verdicts(verdicts[0], verdicts[1], verdicts[2]));
    List<Object> aggregates = new ArrayList<>();
    for (SweepPoint p : points) {
      aggregates.add(point(r, p));
    }
    root.put("aggregates", aggregates);
    root.put("decision", SweepDecision.of(r, points).json());
    List<Object> items = new ArrayList<>();
    for (SweepItem item : r.items()) {
      items.add(item(r, item));
    }
    root.put("items", items);
    return root;
  }

  private static Long num(long value) {
    return value;
  }

  private static Map<String, Object> verdicts(int valid, int invalid, int unknown) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", num(valid));
    m.put("invalid", num(invalid));
    m.put("unknown", num(unknown));
    return m;
  }

  private static Map<String, Object> values(SweepReport r, List<String> values) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      m.put(r.params().get(i).path(), values.get(i));
    }
    return m;
  }

  private static Map<String, Object> point(SweepReport r, SweepPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("point", num(p.index()));
    m.put("values", values(r, p.values()));
    m.put("runs", num(p.runs()));
    m.put("verdicts", verdicts(p.valid(), p.invalid(), p.unknown()));
    Map<String, Object> ops = new LinkedHashMap<>();
    for (SweepPoint.Kind k : p.operations()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("count", num(k.count()));
      o.put("ok", num(k.ok()));
      o.put("fail", num(k.fail()));
      o.put("info", num(k.info()));
      o.put("latencyMs", latency(k.latencyNanos(), true));
      o.put("p99MsOverSeeds", spread(k.p99Nanos(), true));
      o.put("throughputPerSecOverSeeds", spread(k.throughputPerSec(), false));
      ops.put(k.kind(), o);
    }
    m.put("operations", ops);
    Map<String, Object> violations = new LinkedHashMap<>();
    p.violations().forEach((name, n) -> violations.put(name, num(n)));
    m.put("violations", violations);
    List<Object> expectations = new ArrayList<>();
    p.expectations()
        .forEach(
            (text, n) -> {
              Map<String, Object> x = new LinkedHashMap<>();
              x.put("text", text);
              x.put("held", num(n[0]));
              x.put("violated", num(n[1]));
              x.put("unknown", num(n[2]));
              expectations.add(x);
            });
    m.put("expectations", expectations);
    return m;
  }

  private static Map<String, Object> spread(double[] v, boolean nanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    String[] names = {"min", "median", "max"};
    for (int i = 0; i < 3; i++) {
      m.put(names[i], nanos ? Numbers.ms3Json(v[i]) : Numbers.sig6Json(v[i]));
    }
    return m;
  }

  private static Map<String, Object> latency(org.HdrHistogram.Histogram h, boolean all) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean any = h.getTotalCount() > 0;
    m.put("p50", any ? Numbers.ms3Json(h.getValueAtPercentile(50)) : null);
    if (all) {
      m.put("p90", any ? Numbers.ms3Json(h.getValueAtPercentile(90)) : null);
    }
    m.put("p99", any ? Numbers.ms3Json(h.getValueAtPercentile(99)) : null);
    m.put("p999", any ? Numbers.ms3Json(h.getValueAtPercentile(99.9)) : null);
    m.put("max", any ? Numbers.ms3Json(h.getMaxValue()) : null);
    if (all) {
      m.put("mean", any ? Numbers.ms3Json(h.getMean()) : null);
    }
    return m;
  }

  private static Map<String, Object> item(SweepReport r, SweepItem item) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", num(item.index()));
    m.put("point", num(r.pointOf(item.index())));
    m.put("values", values(r, r.pointValues(r.pointOf(item.index()))));
    m.put("seed", num(item.seed()));
    m.put("verdict", ReportJson.word(item.verdict()));
    m.put("traceHash", Numbers.hex16(item.traceHash()));
    Map<String, Object> ops = new LinkedHashMap<>();
    for (SweepOp op : item.operations()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("count", num(op.count()));
      o.put("ok", num(op.ok()));
      o.put("fail", num(op.fail()));
      o.put("info", num(op.info()));
      o.put("throughputPerSec", Numbers.sig6Json(op.throughputPerSec()));
      o.put("latencyMs", latency(op.latencyNanos(), false));
      o.put("histogram", op.histogram());
      if (!op.allHistogram().isEmpty()) {
        o.put("allHistogram", op.allHistogram());
      }
      if (op.longestOkGapNanos() >= 0) {
        o.put("longestOkGapNanos", num(op.longestOkGapNanos()));
      }
      if (ops.put(op.kind(), o) != null) {
        throw new IllegalArgumentException("operation kind listed twice: " + op.kind());
      }
    }
    m.put("operations", ops);
    List<Object> checks = new ArrayList<>();
    for (SweepCheck c : item.checks()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", c.name());
      x.put("verdict", ReportJson.word(c.verdict()));
      x.put("violations", num(c.violations()));
      checks.add(x);
    }
    m.put("checks", checks);
    List<Object> expectations = new ArrayList<>();
    for (ExpectationResult e : item.expectations()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("text", e.text());
      x.put("outcome", ReportJson.outcomeWord(e.outcome()));
      x.put("observed", e.observed());
      expectations.add(x);
    }
    m.put("expectations", expectations);
    if (!Double.isNaN(item.costPerHour())) {
      m.put("costPerHour", Numbers.sig6Json(item.costPerHour()));
    }
    return m;
  }

  /**
   * Reads {@code sweep.json} text.
   *
   * @throws IllegalArgumentException with a one-line message when the text is not a {@value
   *     #SCHEMA} file or its items do not fit its sweep
   */
  public static SweepReport parse(String text) {
    return JsonRead.file(text, SCHEMA, SweepJson::sweep);
  }

  private static SweepReport sweep(Map<String, Object> root) {
    String version = str(obj(root.get("tool"), "tool").get("version"), "tool.version");
    String name = str(root.get("scenarioName"), "scenarioName");
    Obj scenario = (Obj) Json.value(obj(root.get("scenario"), "scenario"));
    List<String> sets = new ArrayList<>();
    for (Object o : arr(root.get("sets"), "sets")) {
      sets.add(str(o, "sets[]"));
    }
    List<SweepParam> params = new ArrayList<>();
    for (Object o : arr(root.get("params"), "params")) {
      Map<String, Object> p = obj(o, "params[]");
      List<String> values = new ArrayList<>();
      for (Object v : arr(p.get("values"), "params[].values")) {
        values.add(str(v, "params[].values[]"));
      }
      params.add(new SweepParam(str(p.get("path"), "params[].path"), values));
    }
    List<Long> seeds = new ArrayList<>();
    for (Object o : arr(root.get("seeds"), "seeds")) {
      seeds.add(integer(o, "seeds[]"));
    }
    SweepReport.Shard shard = null;
    if (root.get("shard") != null) {
      String s = str(root.get("shard"), "shard");
      int slash = s.indexOf('/');
      try {
        shard =
            new SweepReport.Shard(
                Integer.parseInt(s.substring(0, Math.max(slash, 0))),
                Integer.parseInt(s.substring(slash + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("shard: expected i/N, got \"" + s + "\"", e);
      }
    }
    List<SweepItem> items = new ArrayList<>();
    for (Object o : arr(root.get("items"), "items")) {
      items.add(item(obj(o, "items[]")));
    }
    return new SweepReport(version, name, scenario, sets, params, seeds, shard, items);
  }

  private static SweepItem item(Map<String, Object> m) {
    int index = Math.toIntExact(integer(m.get("index"), "items[].index"));
    String where = "items[" + index + "]";
    List<SweepOp> ops = new ArrayList<>();
    for (Map.Entry<String, Object> e : obj(m.get("operations"), where + ".operations").entrySet()) {
      Map<String, Object> o = obj(e.getValue(), where + ".operations." + e.getKey());
      ops.add(
          new SweepOp(
              e.getKey(),
              integer(o.get("count"), "count"),
              integer(o.get("ok"), "ok"),
              integer(o.get("fail"), "fail"),
              integer(o.get("info"), "info"),
              JsonRead.number(o.get("throughputPerSec"), "throughputPerSec"),
              str(o.get("histogram"), where + ".histogram"),
              o.containsKey("allHistogram")
                  ? str(o.get("allHistogram"), where + ".allHistogram")
                  : "",
              o.containsKey("longestOkGapNanos")
                  ? integer(o.get("longestOkGapNanos"), where + ".longestOkGapNanos")
                  : -1));
    }
    List<SweepCheck> checks = new ArrayList<>();
    for (Object o : arr(m.get("checks"), where + ".checks")) {
      Map<String, Object> c = obj(o, where + ".checks[]");
      checks.add(
          new SweepCheck(
              str(c.get("name"), "name"),
              JsonRead.verdict(c.get("verdict"), "verdict"),
              integer(c.get("violations"), "violations")));
    }
    List<ExpectationResult> expectations = new ArrayList<>();
    for (Object o : arr(m.get("expectations"), where + ".expectations")) {
      expectations.add(ReportJson.expectation(o, where + ".expectations[]"));
    }
    return new SweepItem(
        index,
        integer(m.get("seed"), where + ".seed"),
        JsonRead.verdict(m.get("verdict"), where + ".verdict"),
        JsonRead.hex(m.get("traceHash"), where + ".traceHash"),
        ops,
        checks,
        expectations,
        m.containsKey("costPerHour")
            ? JsonRead.number(m.get("costPerHour"), where + ".costPerHour")
            : Double.NaN);
  }
}
