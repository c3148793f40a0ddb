package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ReportJson;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.TimeSeries;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report folder is drawn from the run as report.json records it (series rounded to six
 * significant digits), but expectations are judged on what the run measured, before rounding.
 */
class ExactJudgingTest {
  private static final String NAME = "replication/read-replica-lag";

  private static RunReport run(List<String> overrides) {
    Scenario s =
        ScenarioReader.read(
            ScenarioCatalog.source(NAME), ScenarioCatalog.text(NAME).orElseThrow(), overrides);
    return ScenarioRunner.run(s, "replay", "test").report();
  }

  private static double max(TimeSeries s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s.values()) {
      max = Double.isNaN(v) ? max : Math.max(max, v);
    }
    return max;
  }

  @Test
  void aLagExpectationIsJudgedOnTheExactValueNotTheRecordedOne() {
    RunReport exact = run(List.of());
    RunReport record = ReportJson.record(exact);
    int i = 0;
    while (!exact.series().get(i).group().equals("lag")
        || max(exact.series().get(i)) == max(record.series().get(i))) {
      i++; // a lag series whose peak report.json rounds
    }
    TimeSeries lag = exact.series().get(i);
    double measured = max(lag);
    double recorded = max(record.series().get(i));
    assertNotEquals(measured, recorded);
    String expectation =
        "max(lag/"
            + lag.name()
            + ") "
            + (measured > recorded ? ">" : "<")
            + " "
            + BigDecimal.valueOf(recorded).toPlainString();
    RunReport judged = run(List.of("expectations=[\"" + expectation + "\"]"));
    // Held on the exact peak; on the recorded peak, equal to the bound, it would not have.
    assertEquals(Verdict.VALID, judged.expectations().get(0).outcome(), expectation);
    assertEquals(measured, max(judged.series().get(i)), "the same run");
  }
}
