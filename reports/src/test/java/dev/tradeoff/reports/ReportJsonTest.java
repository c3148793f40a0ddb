package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  @Test
  void sameReportGivesIdenticalText() {
    RunReport report = Fixtures.report();
    String first = ReportJson.render(report);
    assertEquals(first, ReportJson.render(report));
    assertEquals(first, ReportJson.render(Fixtures.report()));
    assertTrue(first.endsWith("}\n"));
  }

  @Test
  void parsesAndHoldsTheRequiredFields() {
    Map<String, Object> root = parse(Fixtures.report());
    assertEquals(
        List.of(
            "schema",
            "tool",
            "scenario",
            "scenarioName",
            "description",
            "observe",
            "seed",
            "traceHash",
            "durationMs",
            "verdict",
            "headline",
            "expectations",
            "operations",
            "checks",
            "series",
            "faults",
            "replay"),
        List.copyOf(root.keySet()));
    assertEquals("tradeoff.report/1", root.get("schema"));
    assertEquals(Map.of("name", "tradeoff", "version", "0.1.0-test"), root.get("tool"));
    assertEquals(num("42"), root.get("seed"));
    assertEquals("00abcdef01234567", root.get("traceHash"));
    assertEquals(num("10000"), root.get("durationMs"));
    assertEquals("invalid", root.get("verdict"));
    assertEquals(
        "invalid - expectations violated (1/3), 1 undecided; the system: replicas converged, 7"
            + " stale reads, linearizability undecided",
        root.get("headline"));
    assertEquals("tradeoff run replication/read-replica-lag --seed 42", root.get("replay"));
  }

  @Test
  void embedsTheScenarioAsJson() {
    Map<String, Object> scenario = map(parse(Fixtures.report()).get("scenario"));
    assertEquals("replication/read-replica-lag", scenario.get("name"));
    assertEquals(num("1.50"), map(scenario.get("nested")).get("a"));
    assertTrue(ReportJson.render(Fixtures.report()).contains("  \"scenario\": {\n    \"name\""));
  }

  @Test
  void writesTheTraceHashAsSixteenHexDigits() {
    assertEquals("ffffffffffffffff", parse(Fixtures.minimal()).get("traceHash"));
  }

  @Test
  void expectationsSayHeldViolatedOrUnknown() {
    List<?> es = (List<?>) parse(Fixtures.report()).get("expectations");
    assertEquals(3, es.size());
    assertEquals(Boolean.TRUE, map(es.get(0)).get("held"));
    assertEquals("held", map(es.get(0)).get("outcome"));
    assertEquals(Boolean.FALSE, map(es.get(1)).get("held"));
    assertEquals("violated", map(es.get(1)).get("outcome"));
    assertTrue(map(es.get(2)).containsKey("held"));
    assertNull(map(es.get(2)).get("held"));
    assertEquals("unknown", map(es.get(2)).get("outcome"));
    assertEquals("3 stale reads", map(es.get(1)).get("observed"));
  }

  @Test
  void operationsCarryCountsAndLatencyPercentilesInMilliseconds() {
    Map<String, Object> ops = map(parse(Fixtures.report()).get("operations"));
    assertEquals(List.of("read", "write/cas", "scan"), List.copyOf(ops.keySet()));
    Map<String, Object> read = map(ops.get("read"));
    assertEquals(num("110"), read.get("count"));
    assertEquals(num("100"), read.get("ok"));
    assertEquals(num("4"), read.get("fail"));
    assertEquals(num("6"), read.get("info"));
    assertEquals(num("10"), read.get("throughputPerSec"));
    Map<String, Object> latency = map(read.get("latencyMs"));
    assertEquals(
        List.of("p50", "p90", "p99", "p999", "max", "mean"), List.copyOf(latency.keySet()));
    // 1..100 ms recorded at three significant digits: p99 is 99 ms within HdrHistogram's bucket.
    double p99 = Double.parseDouble(((Json.Num) latency.get("p99")).text());
    assertEquals(99.0, p99, 0.099);
    assertEquals(
        num(Numbers.ms3(Fixtures.readHistogram().getValueAtPercentile(99))), latency.get("p99"));
    assertEquals(50.0, Double.parseDouble(((Json.Num) latency.get("p50")).text()), 0.05);
    assertEquals(100.0, Double.parseDouble(((Json.Num) latency.get("max")).text()), 0.1);
    Map<String, Object> scan = map(map(ops.get("scan")).get("latencyMs"));
    assertNull(scan.get("p50"));
    assertNull(scan.get("mean"));
  }

  @Test
  void checksKeepAtMostFiveWitnesses() {
    List<?> checks = (List<?>) parse(Fixtures.report()).get("checks");
    assertEquals(3, checks.size());
    assertEquals("valid", map(checks.get(0)).get("verdict"));
    Map<String, Object> stale = map(checks.get(1));
    assertEquals("staleness", stale.get("name"));
    assertEquals("invalid", stale.get("verdict"));
    assertEquals(num("7"), stale.get("violations"));
    assertEquals(5, ((List<?>) stale.get("witnesses")).size());
    assertEquals("7 stale reads", stale.get("detail"));
    assertEquals("unknown", map(checks.get(2)).get("verdict"));
    assertEquals(List.of(), map(checks.get(2)).get("witnesses"));
  }

  @Test
  void stalenessCarriesItsTVisibility() {
    List<?> checks = (List<?>) parse(Fixtures.report()).get("checks");
    List<?> points = (List<?>) map(checks.get(1)).get("visibility");
    assertEquals(3, points.size());
    Map<String, Object> first = map(points.get(0));
    assertEquals(List.of("tMs", "reads", "consistent", "pConsistent"), List.copyOf(first.keySet()));
    assertEquals(num("0"), first.get("tMs"));
    assertEquals(num("90"), first.get("reads"));
    assertEquals(num("83"), first.get("consistent"));
    assertEquals(num("0.922222"), first.get("pConsistent"));
    assertEquals(num("10"), map(points.get(1)).get("tMs"));
    assertEquals(num("1"), map(points.get(2)).get("pConsistent"));
    // Other checkers measure none, and say so with an empty list rather than a missing field.
    assertEquals(List.of(), map(checks.get(0)).get("visibility"));
  }

  @Test
  void demonstrationHeadlineNamesWhatTheSystemDidAndWitnessTimesAreReadable() {
    Map<String, Object> root = parse(Fixtures.demonstration());
    assertEquals("valid", root.get("verdict"));
    assertEquals(
        "valid - expectations held (2/2); the system: split brain, not linearizable, 0 lost"
            + " writes",
        root.get("headline"));
    Object witness = ((List<?>) map(((List<?>) root.get("checks")).get(0)).get("witnesses")).get(0);
    assertTrue(
        ((String) witness).startsWith("leader db-0 (term 1, 0 s..12.001 s) acknowledged"),
        witness.toString());
  }

  @Test
  void seriesUseMillisecondsAndNullForNoData() {
    List<?> series = (List<?>) parse(Fixtures.report()).get("series");
    assertEquals(6, series.size());
    Map<String, Object> p50 = map(series.get(0));
    assertEquals("latency", p50.get("group"));
    assertEquals("read p50", p50.get("name"));
    assertEquals("ms", p50.get("unit"));
    List<?> times = (List<?>) p50.get("timesMs");
    assertEquals(num("1000"), times.get(0));
    List<?> values = (List<?>) p50.get("values");
    assertEquals(num("1.2"), values.get(1));
    assertNull(values.get(3));
    assertEquals(num("60.25"), ((List<?>) map(series.get(1)).get("values")).get(5));
  }

  @Test
  void faultsHaveLabelsAndMilliseconds() {
    List<?> faults = (List<?>) parse(Fixtures.report()).get("faults");
    assertEquals(2, faults.size());
    assertEquals(num("4000"), map(faults.get(0)).get("startMs"));
    assertEquals(num("6000"), map(faults.get(0)).get("endMs"));
    assertEquals("crash n3", map(faults.get(1)).get("label"));
  }

  @Test
  void hasNoWallClockOrHostField() {
    String text = ReportJson.render(Fixtures.report());
    for (String word : List.of("\"time\"", "\"date\"", "\"timestamp\"", "\"host\"", "\"user\"")) {
      assertFalse(text.contains(word), word);
    }
  }

  @Test
  void operationsCarryTheirWholeHistogram() {
    Map<String, Object> read = map(map(parse(Fixtures.report()).get("operations")).get("read"));
    assertEquals(
        List.of("count", "ok", "fail", "info", "throughputPerSec", "latencyMs", "histogram"),
        List.copyOf(read.keySet()));
    // The encoding sweep.json's items use, decoded by HdrHistogram into the very histogram.
    assertEquals(SweepOp.encode(Fixtures.readHistogram()), read.get("histogram"));
    assertEquals(
        Fixtures.readHistogram(), HistogramCodec.decode((String) read.get("histogram"), "read"));
  }

  @Test
  void parseReadsBackTheRecordAndRenderInvertsIt() {
    for (RunReport r : List.of(Fixtures.report(), Fixtures.demonstration(), Fixtures.minimal())) {
      String text = ReportJson.render(r);
      RunReport record = ReportJson.parse(text);
      assertEquals(text, ReportJson.render(record), r.scenarioName());
      assertEquals(record, ReportJson.record(record), "a record is its own record");
      assertEquals(record, ReportJson.record(r));
    }
  }

  @Test
  void theRecordHoldsWhatTheFileHolds() {
    RunReport exact = Fixtures.withUnroundedValues();
    RunReport record = ReportJson.record(exact);
    assertEquals(1 / 3.0, exact.series().get(0).values()[0]);
    assertEquals(0.333333, record.series().get(0).values()[0]);
    assertTrue(Double.isNaN(record.series().get(0).values()[3]), "null is NaN again");
    assertEquals(100 / 7.0, exact.operations().get(0).throughputPerSec());
    assertEquals(14.2857, record.operations().get(0).throughputPerSec());
    CheckResult stale = record.checks().get(1);
    assertEquals(ReportJson.MAX_WITNESSES, stale.witnesses().size());
    assertEquals(7, stale.violations());
    assertEquals(
        "leader db-0 (term 1, 0 s..12.001 s) acknowledged 495 writes during the tenure of leader"
            + " db-2 (term 2, 5.175 s..end), which acknowledged 437 during its own",
        ReportJson.record(Fixtures.demonstration()).checks().get(0).witnesses().get(0));
  }

  @Test
  void aForeignOrBrokenFileIsOneLineNamingTheProblem() {
    String good = ReportJson.render(Fixtures.report());
    assertParseError("not JSON: JSON byte ", "report.json, but not JSON");
    assertParseError("not a tradeoff.report/1 file (schema missing)", "{\"a\": 1}");
    assertParseError("not a tradeoff.report/1 file (schema missing)", "[1, 2]");
    assertParseError(
        "not a tradeoff.report/1 file (schema tradeoff.sweep/1)",
        good.replace("tradeoff.report/1", "tradeoff.sweep/1"));
    assertParseError(
        "not a tradeoff.report/1 file (schema tradeoff.report/2)",
        good.replace("tradeoff.report/1", "tradeoff.report/2"));
    assertParseError("seed: expected an integer", good.replace("\"seed\": 42", "\"seed\": \"42\""));
    assertParseError(
        "replay: expected a string", good.replace("\"replay\": \"", "\"replay\": 1, \"x\": \""));
    assertParseError(
        "operations.read.histogram missing (a report.json written before tradeoff kept histograms)",
        good.replaceFirst(",\\n      \"histogram\": \"[^\"]*\"", ""));
    assertParseError(
        "operations.read: not an encoded histogram",
        good.replaceFirst("\"histogram\": \"[^\"]*\"", "\"histogram\": \"AAAA\""));
    assertParseError(
        "durationMs: 0.0000001 ms is not a whole number of nanoseconds",
        good.replace("\"durationMs\": 10000", "\"durationMs\": 0.0000001"));
    assertParseError(
        "checks[staleness].verdict: bad verdict \"fine\"",
        good.replace("\"verdict\": \"invalid\"", "\"verdict\": \"fine\""));
    assertParseError(
        "staleness: an invalid result needs violations",
        good.replace("\"violations\": 7", "\"violations\": 0"));
  }

  private static void assertParseError(String expected, String text) {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ReportJson.parse(text));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  static Map<String, Object> parse(RunReport report) {
    return map(Json.parse(ReportJson.render(report)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Json.Num num(String text) {
    return new Json.Num(text);
  }
}
