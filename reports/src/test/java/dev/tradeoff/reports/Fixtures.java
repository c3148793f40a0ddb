package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json.Obj;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Hand-built reports: every report part, with hostile text where text can be hostile. */
final class Fixtures {
  static final String SCRIPT = "<script>alert(1)</script>";

  private Fixtures() {}

  /** Read latencies 1..100 ms, write latencies 2..400 ms step 2, scan with none. */
  static Histogram readHistogram() {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 100; i++) {
      h.recordValue(i * 1_000_000L);
    }
    return h;
  }

  static Histogram writeHistogram() {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 200; i++) {
      h.recordValue(i * 2_000_000L);
    }
    return h;
  }

  /** A fresh, invalid report with a fault window, three checks and three expectations. */
  static RunReport report() {
    long second = 1_000_000_000L;
    long[] times = new long[10];
    for (int i = 0; i < times.length; i++) {
      times[i] = (i + 1) * second;
    }
    double[] p50 = {1, 1.2, 1.1, Double.NaN, 5, 6, 1, 1, 1.05, 1};
    double[] p99 = {9, 9.5, 9.1, Double.NaN, 50, 60.25, 9, 9, 9.2, 9};
    double[] ok = {100, 101, 99, 0, 20, 22, 98, 100, 100, 101};
    double[] errors = {0, 0, 0, 5, 40, 38, 0, 0, 0, 0};
    double[] lag = {0, 0, 1, 3, 7, 12, 2, 0, 0, 0};
    double[] queue = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    return new RunReport(
        "0.1.0-test",
        "replication/read-replica-lag " + SCRIPT,
        "A primary and two followers; " + SCRIPT + " in the description.",
        "Reads from followers go stale during the partition.",
        scenario(
            "{\"name\":\"replication/read-replica-lag\",\"seed\":42,\"nodes\":[\"n1\",\"n2\"],"
                + "\"note\":\""
                + SCRIPT
                + "\",\"nested\":{\"a\":1.50,\"b\":[]}}"),
        42L,
        10 * second,
        0x00ab_cdef_0123_4567L,
        Verdict.INVALID,
        List.of(
            new ExpectationResult("p99(read) < 50ms", Verdict.VALID, "p99(read) = 99.0ms"),
            new ExpectationResult("no stale reads " + SCRIPT, Verdict.INVALID, "3 stale reads"),
            new ExpectationResult("linearizable", Verdict.UNKNOWN, "checker ran out of budget")),
        List.of(
            new OperationStats("read", 110, 100, 4, 6, 10.0, readHistogram()),
            new OperationStats("write/cas", 205, 200, 5, 0, 20.0, writeHistogram()),
            new OperationStats("scan", 0, 0, 0, 0, 0.0, new Histogram(3))),
        List.of(
            CheckResult.valid("convergence", "all replicas equal at the end"),
            CheckResult.invalid(
                    "staleness",
                    7,
                    List.of(
                        "read r17 on n2 returned " + SCRIPT + " after write w9 was acknowledged",
                        "w2",
                        "w3",
                        "w4",
                        "w5",
                        "w6",
                        "w7"),
                    "7 stale reads")
                .withVisibility(
                    List.of(
                        new StalenessReport.Visibility(0, 90, 83),
                        new StalenessReport.Visibility(10_000_000L, 60, 59),
                        new StalenessReport.Visibility(100_000_000L, 20, 20))),
            CheckResult.unknown("linearizability", "stopped after 2000000 configurations")),
        List.of(
            new TimeSeries("latency", "read p50", "ms", times, p50),
            new TimeSeries("latency", "read p99", "ms", times, p99),
            new TimeSeries("throughput", "read ok", "ops/s", times, ok),
            new TimeSeries("throughput", "read errors", "ops/s", times, errors),
            new TimeSeries("lag", "follower-2", "versions", times, lag),
            new TimeSeries("queue depth", "n1", "jobs", times, queue)),
        List.of(
            new FaultSpan("partition [n1] | [n2, n3] " + SCRIPT, 4 * second, 6 * second),
            new FaultSpan("crash n3", 8 * second, 8 * second)),
        "tradeoff run replication/read-replica-lag --seed 42");
  }

  /**
   * A scenario that demonstrates a failure: both expectations (that split brain and a
   * linearizability violation happen) held, so the verdict is valid, while the checkers found split
   * brain and a non-linearizable history. Its split-brain witness is written in raw nanoseconds, as
   * checkers used to write them.
   */
  static RunReport demonstration() {
    RunReport r = minimal();
    return new RunReport(
        r.toolVersion(),
        "replication/split-brain-no-fencing",
        "",
        "",
        scenario("{}"),
        1L,
        21_000_000_000L,
        r.traceHash(),
        Verdict.VALID,
        List.of(
            new ExpectationResult(
                "violations(split-brain) > 0", Verdict.VALID, "violations(split-brain) = 2"),
            new ExpectationResult(
                "violations(linearizability) > 0",
                Verdict.VALID,
                "violations(linearizability) = 20")),
        r.operations(),
        List.of(
            CheckResult.invalid(
                "split-brain",
                2,
                List.of(
                    "leader db-0 (term 1, 0..12000586865 ns) acknowledged 495 writes during the"
                        + " tenure of leader db-2 (term 2, 5174843495..end ns), which acknowledged"
                        + " 437 during its own"),
                "3 leadership terms checked"),
            CheckResult.invalid(
                "linearizability", 20, List.of("key 0: read 734 cannot be linearized"), ""),
            CheckResult.valid("lost-writes", "2825 acknowledged writes checked")),
        List.of(),
        List.of(),
        "tradeoff run replication/split-brain-no-fencing --seed 1");
  }

  /** A valid report with nothing optional: no series, no faults, no checks. */
  static RunReport minimal() {
    return new RunReport(
        "0.1.0-test",
        "mm1",
        "",
        "",
        scenario("{}"),
        7L,
        1_000_000_000L,
        -1L,
        Verdict.VALID,
        List.of(new ExpectationResult("p50(op) < 1s", Verdict.VALID, "p50(op) = 1.0ms")),
        List.of(new OperationStats("op", 1, 1, 0, 0, 1.0, readHistogram())),
        List.of(),
        List.of(),
        List.of(),
        "tradeoff run mm1 --seed 7");
  }

  /**
   * {@link #report} with values {@code report.json} rounds: a series of thirds and a throughput of
   * 100/7 per second.
   */
  static RunReport withUnroundedValues() {
    RunReport r = report();
    List<TimeSeries> series = new java.util.ArrayList<>(r.series());
    TimeSeries first = series.get(0);
    double[] thirds = first.values();
    for (int i = 0; i < thirds.length; i++) {
      thirds[i] = Double.isNaN(thirds[i]) ? Double.NaN : (i + 1) / 3.0;
    }
    series.set(
        0, new TimeSeries(first.group(), first.name(), first.unit(), first.timesNanos(), thirds));
    List<OperationStats> ops = new java.util.ArrayList<>(r.operations());
    OperationStats read = ops.get(0);
    ops.set(
        0,
        new OperationStats(
            read.kind(),
            read.count(),
            read.ok(),
            read.fail(),
            read.info(),
            100 / 7.0,
            read.latencyNanos()));
    return with(r, ops, series);
  }

  /** {@code r} with other operations and series. */
  static RunReport with(RunReport r, List<OperationStats> operations, List<TimeSeries> series) {
    return new RunReport(
        r.toolVersion(),
        r.scenarioName(),
        r.description(),
        r.observe(),
        r.scenario(),
        r.seed(),
        r.durationNanos(),
        r.traceHash(),
        r.verdict(),
        r.expectations(),
        operations,
        r.checks(),
        series,
        r.faults(),
        r.replayCommand());
  }

  /** A scenario as the scenario reader gives it: JSON text parsed by sim-core's reader. */
  static Obj scenario(String json) {
    return (Obj) dev.tradeoff.core.json.Json.parse(json).value();
  }
}
