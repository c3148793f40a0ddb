package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.reports.Comparison;
import dev.tradeoff.reports.DecisionTable;
import dev.tradeoff.reports.RunReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example's decision table (docs/guide-read-replicas-and-cache.md) says what the guide
 * says it does, on seed 1: read routing to the leader is the one that keeps read-your-writes but
 * loses reads in the failover, session routing does not survive the cache, write-through is the
 * most available, and every variant saw the same operations.
 */
class GuideDecisionTest {
  private static final String NAME = "guide/read-replicas-and-cache";
  private static final List<String> VARIANTS =
      List.of(
          "system.backend.reads=any",
          "system.backend.reads=session",
          "system.backend.reads=leader",
          "system.policy=write-through");

  private static DecisionTable table() {
    List<RunReport> runs = new ArrayList<>();
    for (String v : VARIANTS) {
      Scenario s =
          ScenarioReader.read(
              ScenarioCatalog.source(NAME),
              ScenarioCatalog.text(NAME).orElseThrow(),
              List.of("expectations=[]", "pricePerNodeHour=0.25", v));
      runs.add(ScenarioRunner.run(s, "test", "test").report());
    }
    // Paired: the same operations whatever the routing (the cache policy changes none either).
    for (RunReport r : runs) {
      assertEquals(runs.get(0).operations().get(0).count(), r.operations().get(0).count());
    }
    return new Comparison(NAME, VARIANTS, runs).decision();
  }

  private static DecisionTable.Row row(DecisionTable t, String name) {
    return t.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theDecisionTableAnswersTheGuidesQuestions() {
    DecisionTable t = table();
    int any = 0;
    int session = 1;
    int leader = 2;
    int writeThrough = 3;
    DecisionTable.Row ryw = row(t, "read-your-writes violations");
    assertTrue(ryw.best(leader), "leader routing keeps read-your-writes best");
    assertTrue(ryw.values()[any] > 10, "any: over 10 per 1000 reads: " + ryw.values()[any]);
    assertTrue(ryw.values()[session] > 10, "session behind a cache: " + ryw.values()[session]);
    DecisionTable.Row stale = row(t, "stale reads");
    assertTrue(stale.best(leader), "leader routing reads least stale");
    assertTrue(stale.values()[any] > 20, "any: over 20% stale: " + stale.values()[any]);
    DecisionTable.Row availability = row(t, "availability");
    assertTrue(availability.best(writeThrough), "write-through is the most available");
    assertTrue(
        availability.values()[leader] < availability.values()[any],
        "leader routing loses reads while the primary is down");
    DecisionTable.Row p99 = row(t, "p99 ok ops");
    assertTrue(p99.values()[session] > 150, "session reads wait for the 200 ms apply");
    DecisionTable.Row rto = row(t, "RTO (longest write outage)");
    for (double v : rto.values()) {
      assertTrue(v > 300 && v < 1000, "a failover costs 0.3 to 1 s of writes: " + v);
    }
    // A cache node and three database replicas at 0.25 an hour each; clients are not counted.
    for (double v : row(t, "cost").values()) {
      assertEquals(1.0, v, 1e-9);
    }
    DecisionTable.Row lost = row(t, "lost writes");
    for (double v : lost.values()) {
      assertEquals(0, v);
    }
  }
}
