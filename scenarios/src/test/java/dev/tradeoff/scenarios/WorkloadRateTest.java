package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A workload's rate is a total; given per client or as daily active users' actions at the peak, it
 * is converted to the same total, so the three forms of one rate give the very same run.
 */
class WorkloadRateTest {
  private static final String NAME = "basics/single-node";

  private static Scenario read(String arrivals) {
    return ScenarioReader.read(
        ScenarioCatalog.source(NAME),
        ScenarioCatalog.text(NAME).orElseThrow(),
        List.of(
            "duration=2s",
            "checkers=[]",
            "expectations=[]",
            "workload.clients=10",
            "workload.arrivals=" + arrivals));
  }

  private static long traceHash(Scenario s) {
    return ScenarioRunner.run(s, "test", "test").report().traceHash();
  }

  private static long operations(Scenario s) {
    return ScenarioRunner.run(s, "test", "test").simulation().history().size();
  }

  @Test
  void aTotalARatePerClientAndDailyUsersAtThePeakGiveTheSameRun() {
    Scenario total = read("{\"type\": \"poisson\", \"rate\": \"1000/s\"}");
    Scenario perClient = read("{\"type\": \"poisson\", \"ratePerClient\": \"100/s\"}");
    // 1,000,000 users x 43.2 actions a day / 86,400 s x 2 at the peak = 1,000/s.
    Scenario daily =
        read(
            "{\"type\": \"poisson\", \"dailyActiveUsers\": 1000000, \"actionsPerUserPerDay\":"
                + " 43.2, \"peakFactor\": 2}");
    long ops = operations(total);
    assertTrue(ops > 1800 && ops < 2200, "about 1,000/s for 2 s: " + ops);
    assertEquals(ops, operations(perClient));
    assertEquals(ops, operations(daily));
    assertEquals("", total.rateNote());
    assertEquals(
        "100/s per client x 10 clients = 1000.00/s in total, 100.000/s per client",
        perClient.rateNote());
    assertEquals(
        "1000000 daily active users x 43.2 actions/day / 86400 s x peak 2 = 1000.00/s in total,"
            + " 100.000/s per client",
        daily.rateNote());
    // The comparison can fail: another per-client rate is another run.
    assertNotEquals(
        traceHash(perClient),
        traceHash(read("{\"type\": \"poisson\", \"ratePerClient\": \"90/s\"}")));
  }

  @Test
  void exactlyOneFormOfTheRateIsAccepted() {
    ScenarioException both =
        assertThrows(
            ScenarioException.class,
            () ->
                read("{\"type\": \"poisson\", \"rate\": \"1000/s\", \"ratePerClient\": \"1/s\"}"));
    assertTrue(both.getMessage().contains("give exactly one of rate"), both.getMessage());
    ScenarioException noActions =
        assertThrows(
            ScenarioException.class,
            () -> read("{\"type\": \"poisson\", \"dailyActiveUsers\": 1000}"));
    assertTrue(
        noActions.getMessage().contains("needs actionsPerUserPerDay"), noActions.getMessage());
  }
}
