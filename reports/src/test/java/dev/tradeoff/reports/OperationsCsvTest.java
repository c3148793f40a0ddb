package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Every operations table exports as CSV whose cells are the report's own figures. */
class OperationsCsvTest {
  private static OperationStats reads() {
    Histogram ok = new Histogram(3);
    for (long ms = 1; ms <= 100; ms++) {
      ok.recordValue(ms * 1_000_000L);
    }
    Histogram all = ok.copy();
    all.recordValue(2_000_000_000L); // the one timed-out read waited 2 s
    return new OperationStats("read", 102, 100, 1, 1, 50.0, ok, all, -1);
  }

  private static OperationStats writesThatNeverSucceeded() {
    return new OperationStats("write, cas", 3, 0, 3, 0, 0.0, new Histogram(3));
  }

  @Test
  void aRunsOperationsAreOneLinePerKindWithItsCountsAndLatencies() {
    RunReport r =
        Fixtures.with(
            Fixtures.report(),
            List.of(reads(), writesThatNeverSucceeded()),
            Fixtures.report().series());
    List<String> lines = OperationsCsv.run(r).lines().toList();
    assertEquals(
        "kind,count,ok,fail,info,availability,ok_per_s,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,"
            + "mean_ms,all_p99_ms",
        lines.get(0));
    String[] read = lines.get(1).split(",", -1);
    assertEquals(14, read.length, lines.get(1));
    assertEquals(List.of("read", "102", "100", "1", "1"), List.of(read).subList(0, 5));
    assertEquals(100.0 / 102, Double.parseDouble(read[5]), 1e-5, "availability");
    assertEquals(50.0, Double.parseDouble(read[7]), 0.1, "p50 of 1..100 ms");
    assertEquals(99.0, Double.parseDouble(read[9]), 0.1, "p99");
    assertEquals(100.0, Double.parseDouble(read[11]), 0.1, "max");
    assertEquals(50.5, Double.parseDouble(read[12]), 0.1, "mean");
    assertEquals(100.0, Double.parseDouble(read[13]), 0.1, "p99 of all of 101 is still OK-range");
    // a kind with a comma is quoted; no OK completion leaves the latency cells empty
    assertEquals("\"write, cas\",3,0,3,0,0,0,,,,,,,", lines.get(2));
  }

  @Test
  void aComparisonNamesEachVariantBesideItsRunsOperations() {
    RunReport a = Fixtures.with(Fixtures.report(), List.of(reads()), Fixtures.report().series());
    Comparison c = new Comparison("basics/x", List.of("workers=1", "a, b"), List.of(a, a));
    List<String> lines = OperationsCsv.variants(c).lines().toList();
    assertEquals(3, lines.size(), "header and one line per variant and kind");
    String hash = Numbers.hex16(a.traceHash());
    assertEquals(
        "workers=1," + a.verdict().name().toLowerCase(java.util.Locale.ROOT) + "," + hash + ",read",
        lines.get(1).substring(0, lines.get(1).indexOf(",102,")));
    assertEquals("\"a, b\"", lines.get(2).substring(0, 6));
  }
}
