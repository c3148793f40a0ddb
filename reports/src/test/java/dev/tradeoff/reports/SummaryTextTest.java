package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTextTest {
  @Test
  void sameReportGivesIdenticalText() {
    String text = SummaryText.render(Fixtures.report());
    assertEquals(text, SummaryText.render(Fixtures.report()));
    assertEquals(text, ReportFolder.summary(Fixtures.report()));
    assertTrue(text.endsWith("\n") && !text.contains("\r"));
  }

  @Test
  void verdictComesFirst() {
    List<String> lines = SummaryText.render(Fixtures.report()).lines().toList();
    assertEquals("VERDICT: invalid - 1 of 3 expectations violated, 1 undecided", lines.get(0));
    assertEquals(
        "VERDICT: valid - the expectation held",
        SummaryText.render(Fixtures.minimal()).lines().findFirst().orElseThrow());
  }

  @Test
  void showsEverySection() {
    String text = SummaryText.render(Fixtures.report());
    for (String expected :
        List.of(
            "scenario  replication/read-replica-lag",
            "observe   Reads from followers go stale during the partition.",
            "seed      42",
            "duration  10.000s simulated",
            "trace     00abcdef01234567",
            "  [held]     p99(read) < 50ms",
            "  [VIOLATED] no stale reads",
            "  [unknown]  linearizable",
            "observed: 3 stale reads",
            "  [invalid]  staleness - 7 violations",
            "first: read r17 on n2 returned",
            "  [unknown]  linearizability",
            "stopped after 2000000 configurations",
            "4.000s - 6.000s      partition [n1] | [n2, n3]",
            "replay    tradeoff run replication/read-replica-lag --seed 42")) {
      assertTrue(text.contains(expected), () -> "missing <" + expected + "> in\n" + text);
    }
  }

  @Test
  void latencyTableIsFixedWidth() {
    List<String> lines = SummaryText.render(Fixtures.report()).lines().toList();
    int header = lines.indexOf("operations (latency of OK completions, ms)");
    List<String> table = lines.subList(header + 1, header + 5);
    assertTrue(table.get(0).startsWith("  kind "), table.get(0));
    assertTrue(table.get(0).endsWith("p99.9       max"), table.get(0));
    for (String row : table) {
      assertEquals(table.get(0).length(), row.length(), row);
    }
    assertTrue(table.get(1).startsWith("  read                 110       100       4       6"));
    assertTrue(table.get(3).contains(" - "), "scan has no latency: " + table.get(3));
  }
}
