package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Renders a small made-up report in memory — JSON, summary, histograms, charts as SVG and PNG, the
 * HTML page — and throws the result away. A command that will write a report folder starts it on a
 * second thread while its simulation runs: loading the chart library, Java2D's fonts and the PNG
 * encoder and compiling the report code otherwise cost a short run most of its time after the
 * simulation. Nothing it does is observed: reports hold no shared state, so the folder written
 * later is byte for byte the one written without it.
 */
public final class ReportWarmUp {
  private static final long SECOND_NANOS = 1_000_000_000L;

  private ReportWarmUp() {}

  /**
   * Renders the made-up report once. A failure here is ignored: the real report meets it again and
   * reports it there.
   */
  public static void run() {
    try {
      RunReport record = ReportJson.parse(ReportJson.render(report()));
      SummaryText.render(record);
      for (OperationStats op : record.operations()) {
        Hgrm.render(op.latencyNanos());
      }
      List<Chart> charts = Charts.of(record);
      for (Chart c : charts) {
        c.svg();
        c.png();
      }
      HtmlPage.render(record, charts);
    } catch (RuntimeException ignored) {
      // a warm-up only; the real rendering reports whatever went wrong
    }
  }

  /** Twenty seconds of a read series and a throughput series, one fault, one check. */
  static RunReport report() {
    int points = 20;
    long[] times = new long[points];
    double[] latencyMs = new double[points];
    double[] perSec = new double[points];
    Histogram h = new Histogram(3);
    for (int i = 0; i < points; i++) {
      times[i] = (i + 1) * SECOND_NANOS;
      latencyMs[i] = 1 + (i % 7) * 0.25;
      perSec[i] = 1000 + (i % 5) * 10;
      h.recordValue((i + 1) * 100_000L);
    }
    return new RunReport(
        "warm-up",
        "warm-up",
        "warm-up",
        "",
        (Json.Obj) Json.parse("{\"name\":\"warm-up\"}").value(),
        1,
        points * SECOND_NANOS,
        0,
        Verdict.VALID,
        List.of(new ExpectationResult("errors(read) == 0", Verdict.VALID, "0")),
        List.of(new OperationStats("read", points, points, 0, 0, 1.0, h)),
        List.of(CheckResult.valid("staleness", "warm-up")),
        List.of(
            new TimeSeries("latency", "read p50", "ms", times, latencyMs),
            new TimeSeries("throughput", "read ok", "ops/s", times, perSec)),
        List.of(new FaultSpan("crash n1", 5 * SECOND_NANOS, 8 * SECOND_NANOS)),
        "./tradeoff run warm-up");
  }
}
