package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@code sweep.json}: lossless histograms, parse inverts render, items must fit the sweep. */
class SweepJsonTest {
  private static final List<SweepParam> PARAMS =
      List.of(new SweepParam("workload.clients", List.of("2", "4")));

  private static SweepItem item(int index, long seed, long latencyBase) {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(latencyBase * i);
    }
    return new SweepItem(
        index,
        seed,
        index == 3 ? Verdict.INVALID : Verdict.VALID,
        0xfedcba9876543210L + index,
        List.of(new SweepOp("read", 1000, 1000, 0, 0, 1000 / 3.0, SweepOp.encode(h))),
        List.of(new SweepCheck("linearizability", Verdict.VALID, 0)),
        List.of(
            new ExpectationResult(
                "p99(read) < 1s", index == 3 ? Verdict.INVALID : Verdict.VALID, "x")));
  }

  private static SweepReport report(SweepReport.Shard shard, List<Integer> indices) {
    List<SweepItem> items = new ArrayList<>();
    for (int i : indices) {
      items.add(item(i, i % 2 == 0 ? 7 : 9, 1_000L * (i + 1)));
    }
    return new SweepReport(
        "test",
        "basics/x",
        Fixtures.scenario("{\"name\": \"basics/x\"}"),
        List.of("duration=1s"),
        PARAMS,
        List.of(7L, 9L),
        shard,
        items);
  }

  @Test
  void histogramsSurviveTheFileExactly() {
    Histogram h = new Histogram(3);
    for (long v = 1; v < 50_000_000; v = v * 3 + 7) {
      h.recordValueWithCount(v, v % 5 + 1);
    }
    SweepOp op = new SweepOp("read", 1, 1, 0, 0, 1, SweepOp.encode(h));
    assertEquals(h, op.latencyNanos());
    assertEquals(op.histogram(), SweepOp.encode(op.latencyNanos()));
  }

  @Test
  void parseInvertsRenderAndAggregatesMergeLosslessly() {
    SweepReport whole = report(null, List.of(0, 1, 2, 3));
    String text = SweepJson.render(whole);
    assertEquals(text, SweepJson.render(SweepJson.parse(text)));
    SweepPoint second = SweepPoint.of(whole).get(1);
    Histogram sum = whole.items().get(2).operations().get(0).latencyNanos();
    sum.add(whole.items().get(3).operations().get(0).latencyNanos());
    assertEquals(sum, second.operations().get(0).latencyNanos());
    assertEquals(List.of("4"), second.values());
    assertEquals(1, second.invalid());
    assertTrue(text.contains("\"throughputPerSec\": 333.333"), text);
  }

  @Test
  void aPricedSweepHasACostRowPerPointThatSurvivesTheFile() {
    List<SweepItem> items = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SweepItem plain = item(i, i % 2 == 0 ? 7 : 9, 1_000L);
      double cost = i < 2 ? 0.5 : 0.75; // point 0: two nodes, point 1: three, at 0.25 each
      items.add(
          new SweepItem(
              plain.index(),
              plain.seed(),
              plain.verdict(),
              plain.traceHash(),
              plain.operations(),
              plain.checks(),
              plain.expectations(),
              cost));
    }
    SweepReport priced =
        new SweepReport(
            "test",
            "basics/x",
            Fixtures.scenario("{\"name\": \"basics/x\"}"),
            List.of(),
            PARAMS,
            List.of(7L, 9L),
            null,
            items);
    String text = SweepJson.render(priced);
    assertEquals(text, SweepJson.render(SweepJson.parse(text)));
    DecisionTable.Row cost =
        SweepDecision.of(SweepJson.parse(text), SweepPoint.of(priced)).rows().stream()
            .filter(r -> r.name().equals("cost"))
            .findFirst()
            .orElseThrow();
    assertEquals(0.5, cost.values()[0]);
    assertEquals(0.75, cost.values()[1]);
    assertTrue(cost.best(0) && !cost.best(1));
    assertTrue(text.contains("\"costPerHour\": 0.75"), text);
    String unpriced = SweepJson.render(report(null, List.of(0, 1, 2, 3)));
    assertTrue(!unpriced.contains("costPerHour") && !unpriced.contains("\"cost\""), unpriced);
  }

  @Test
  void itemsMustBeExactlyTheShareOfTheSweep() {
    assertEquals(2, report(new SweepReport.Shard(1, 2), List.of(1, 3)).items().size());
    assertThrows(IllegalArgumentException.class, () -> report(null, List.of(0, 1, 3)));
    assertThrows(IllegalArgumentException.class, () -> report(null, List.of(0, 1, 2, 3, 4)));
    assertThrows(
        IllegalArgumentException.class, () -> report(new SweepReport.Shard(1, 2), List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> new SweepReport.Shard(3, 3));
  }
}
