package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlPageTest {
  private static final Set<String> NAMESPACES =
      Set.of(
          "http://www.w3.org/2000/svg",
          "http://www.w3.org/1999/xlink",
          "http://www.jfree.org/jfreesvg/svg");

  @Test
  void sameReportGivesIdenticalPage() {
    String page = HtmlPage.render(Fixtures.report());
    assertEquals(page, HtmlPage.render(Fixtures.report()));
  }

  @Test
  void escapesEveryPieceOfReportText() {
    String page = HtmlPage.render(Fixtures.report());
    assertFalse(page.contains("<script"), "raw <script> on the page");
    assertTrue(
        page.contains("<h1>replication/read-replica-lag &lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(page.contains("A primary and two followers; &lt;script&gt;"), "description");
    assertTrue(page.contains("returned &lt;script&gt;alert(1)&lt;/script&gt; after"), "witness");
    assertTrue(page.contains("no stale reads &lt;script&gt;"), "expectation");
    assertTrue(page.contains("&quot;note&quot;: &quot;&lt;script&gt;"), "scenario JSON");
    assertTrue(
        page.contains(
            "<title>Expectations violated (1/3), 1 undecided - replication/read-replica-lag"
                + " &lt;script&gt;"));
  }

  @Test
  void escapeHandlesQuotesAndControls() {
    assertEquals("&amp;&lt;&gt;&quot;&#39;\uFFFDa\n", HtmlPage.esc("&<>\"'\u0007a\n"));
    assertEquals("\uD83D\uDE00\uFFFD", HtmlPage.esc("\uD83D\uDE00\uD83D"));
  }

  @Test
  void verdictComesFirstThenExpectationsThenChartsInOrder() {
    String page = HtmlPage.render(Fixtures.report());
    int body = page.indexOf("<body>");
    int verdict = page.indexOf("<div class=\"verdict invalid\"");
    assertTrue(body < verdict);
    assertEquals(-1, page.substring(body, verdict).indexOf('<', 7), "nothing before the verdict");
    int expectations = page.indexOf("id=\"expectations\"");
    assertTrue(verdict < expectations);
    int last = expectations;
    for (String id :
        List.of(
            "chart-latency",
            "chart-throughput",
            "chart-lag",
            "chart-queue_depth",
            "chart-spectrum",
            "id=\"operations\"",
            "id=\"checks\"",
            "id=\"faults\"",
            "id=\"scenario\"",
            "id=\"replay\"")) {
      int at = page.indexOf(id);
      assertTrue(at > last, id);
      last = at;
    }
  }

  @Test
  void everyChartIsInlinedInAFigure() {
    String page = HtmlPage.render(Fixtures.report());
    for (Chart c : Charts.of(Fixtures.report())) {
      assertTrue(
          page.contains("<figure class=\"chart\" id=\"chart-" + c.name() + "\">\n<svg "), c.name());
      assertTrue(page.contains(c.svg()), c.name());
    }
    assertEquals(5, count(page, "<figcaption>"));
    assertEquals(5, count(page, "<svg "));
  }

  @Test
  void referencesNothingButNamespaceNames() {
    String page = HtmlPage.render(Fixtures.report());
    Matcher m = Pattern.compile("https?://[^\"'\\s<>]*").matcher(page);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    assertFalse(found.isEmpty());
    assertEquals(NAMESPACES, new TreeSet<>(found).isEmpty() ? Set.of() : Set.copyOf(found));
    for (String uri : found) {
      int at = page.indexOf(uri);
      String before = page.substring(Math.max(0, at - 16), at);
      assertTrue(before.matches("(?s).*xmlns(:\\w+)?=['\"]$"), "not a namespace: " + before + uri);
    }
    for (String external : List.of("src=", "href=", "<link", "<script", "@import")) {
      assertFalse(page.contains(external), external);
    }
    // Clip paths refer to ids on the page itself, nothing else.
    assertEquals(page.split("url\\(", -1).length, page.split("url\\(#svg-", -1).length);
  }

  @Test
  void pageHasCharsetTitleAndStyle() {
    String page = HtmlPage.render(Fixtures.minimal());
    assertTrue(
        page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
    assertTrue(page.contains("<title>Expectations held (1/1) - mm1 - tradeoff</title>"));
    assertTrue(page.contains("<style>"));
    assertTrue(
        page.contains(
            "<div class=\"verdict valid\" id=\"verdict\" data-verdict=\"valid\">Expectations held"
                + " (1/1)<small>No checkers ran.</small></div>"));
    assertTrue(page.contains("No faults were injected."));
    assertTrue(page.contains("<code>7</code>"), "seed");
    assertTrue(page.contains("<pre>tradeoff run mm1 --seed 7</pre>"));
  }

  @Test
  void bannerOfADemonstrationIsNotPlainGreenAndSaysBothParts() {
    String page = HtmlPage.render(Fixtures.demonstration());
    assertTrue(
        page.contains(
            "<div class=\"verdict valid mixed\" id=\"verdict\" data-verdict=\"valid\">"
                + "Expectations held (2/2)<small>The system: split brain, not linearizable, 0 lost"
                + " writes</small></div>"),
        page);
    assertFalse(page.contains(">VALID"), "a bare VALID over invalid checks");
    // The mixed colour overrides the green one: it comes later in the style sheet.
    assertTrue(HtmlPage.CSS.indexOf(".verdict.mixed{") > HtmlPage.CSS.indexOf(".verdict.valid{"));
    assertFalse(HtmlPage.CSS.contains(".verdict.mixed{background:#1a7f37"));
    // An invalid run stays red, with no mixed class.
    assertTrue(HtmlPage.render(Fixtures.report()).contains("<div class=\"verdict invalid\" id="));
  }

  @Test
  void noRawNanosecondsOnThePage() {
    for (RunReport r : List.of(Fixtures.report(), Fixtures.demonstration(), Fixtures.minimal())) {
      String page = HtmlPage.render(r);
      Matcher m = SummaryTextTest.RAW_NANOS.matcher(page);
      assertFalse(m.find(), () -> "raw nanoseconds: " + m.group());
    }
    assertTrue(
        HtmlPage.render(Fixtures.demonstration())
            .contains("leader db-0 (term 1, 0 s..12.001 s) acknowledged 495 writes"));
  }

  @Test
  void operationsTableExplainsFailAndInfoOnce() {
    String page = HtmlPage.render(Fixtures.report());
    assertTrue(page.contains("<th>fail*</th><th>info*</th>"));
    String note =
        "<p class=\"note\">* fail: definitely did not happen; info: outcome unknown (timed out, or"
            + " still pending at the end).</p>";
    assertEquals(1, count(page, note));
    assertTrue(page.indexOf(note) > page.indexOf("id=\"operations\""));
    assertTrue(page.indexOf(note) < page.indexOf("id=\"checks\""));
  }

  @Test
  void stalenessShowsItsTVisibilityTable() {
    String page = HtmlPage.render(Fixtures.report());
    int at = page.indexOf("<h3>staleness: t-visibility</h3>");
    assertTrue(at > page.indexOf("id=\"checks\""), "t-visibility under the checks");
    assertTrue(
        page.indexOf(
                "<tr><td class=\"n\">0 ms</td><td class=\"n\">0.9222</td><td class=\"n\">83</td>"
                    + "<td class=\"n\">90</td></tr>")
            > at);
    assertTrue(
        page.indexOf(
                "<tr><td class=\"n\">100 ms</td><td class=\"n\">1.0000</td><td"
                    + " class=\"n\">20</td><td class=\"n\">20</td></tr>")
            > at);
    assertEquals(-1, HtmlPage.render(Fixtures.demonstration()).indexOf("t-visibility"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
