package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The decision table marks each row's best, leaves out what nobody measured, exports as CSV. */
class DecisionTableTest {
  private static Histogram latencies(long... nanos) {
    Histogram h = new Histogram(3);
    for (long n : nanos) {
      h.recordValue(n);
    }
    return h;
  }

  private static DecisionTable.Column column(String label, long ok, Map<String, Long> violations) {
    return new DecisionTable.Column(
        label,
        1,
        100,
        ok,
        80,
        latencies(1_000_000, 500_000_000),
        latencies(1_000_000),
        -1,
        violations,
        false,
        Double.NaN);
  }

  @Test
  void theBestOfEachRowIsMarkedAndTiesAreNot() {
    DecisionTable t =
        DecisionTable.of(
            List.of(
                column("a", 90, Map.of("read-your-writes", 8L)),
                column("b, quoted", 99, Map.of("read-your-writes", 0L))));
    DecisionTable.Row availability = t.rows().get(0);
    assertEquals("availability", availability.name());
    assertFalse(availability.best(0));
    assertTrue(availability.best(1));
    DecisionTable.Row ryw =
        t.rows().stream()
            .filter(r -> r.name().equals("read-your-writes violations"))
            .findFirst()
            .orElseThrow();
    assertEquals(100.0, ryw.values()[0], 1e-9, "8 in 80 reads is 100 per 1000");
    assertTrue(ryw.best(1));
    DecisionTable.Row p50 =
        t.rows().stream().filter(r -> r.name().equals("p50 ok ops")).findFirst().orElseThrow();
    assertFalse(p50.best(0) || p50.best(1), "a tie marks nobody");
    // No staleness checker, no faults, no price: those rows are left out.
    assertTrue(t.rows().stream().noneMatch(r -> r.name().startsWith("stale")));
    assertTrue(t.rows().stream().noneMatch(r -> r.name().startsWith("RTO")));
    assertTrue(t.rows().stream().noneMatch(r -> r.name().equals("cost")));
    String csv = t.csv();
    assertTrue(csv.startsWith("figure,unit,better,a,\"b, quoted\",best\n"), csv);
    assertTrue(csv.contains("\navailability,%,higher,90,99,\"b, quoted\"\n"), csv);
    assertTrue(t.text().contains("99 *"), t.text());
  }

  @Test
  void aTableOfManyPointsWrapsIntoBlocksThatFitAPage() {
    List<DecisionTable.Column> columns = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      columns.add(column("clients=" + (i + 1), 80 + i, Map.of()));
    }
    String wide = DecisionTable.of(columns).text();
    String[] lines = wide.split("\n");
    for (String line : lines) {
      assertTrue(line.length() <= DecisionTable.PAGE_WIDTH, line.length() + ": " + line);
    }
    long headers = java.util.Arrays.stream(lines).filter(l -> l.startsWith("  decision")).count();
    assertTrue(headers > 1, "20 points do not fit one block of a page:\n" + wide);
    for (int i = 1; i <= 20; i++) {
      assertTrue(wide.matches("(?s).*clients=" + i + "(\\s|\n).*"), "point " + i + "\n" + wide);
    }
    assertTrue(wide.contains("99 *"), "the best of the row is still marked:\n" + wide);
    String narrow = DecisionTable.of(columns.subList(0, 2)).text();
    assertEquals(1, narrow.lines().filter(l -> l.startsWith("  decision")).count(), narrow);
    assertFalse(narrow.contains("\n\n"), narrow);
  }

  @Test
  void anHtmlTableOfMorePointsThanFiguresIsTransposed() {
    List<DecisionTable.Column> columns = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      columns.add(column("clients=" + (i + 1), 80 + i, Map.of()));
    }
    DecisionTable many = DecisionTable.of(columns);
    String html = many.html();
    assertTrue(html.startsWith("<table class=\"decision transposed\">"), html);
    assertEquals(1 + 20, html.split("<tr>", -1).length - 1, "a header and a row per point");
    assertTrue(html.contains("<tr><th>clients=20</th><td class=\"best\"><b>99</b></td>"), html);
    DecisionTable few = DecisionTable.of(columns.subList(0, 2));
    String rows = few.html();
    assertTrue(rows.startsWith("<table class=\"decision\">"), rows);
    assertEquals(1 + few.rows().size(), rows.split("<tr>", -1).length - 1, "a row per figure");
  }
}
