package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A German default locale (decimal comma) must not change a single byte of any output. */
class LocaleIndependenceTest {
  @Test
  void outputsIgnoreTheDefaultLocale() {
    RunReport report = Fixtures.report();
    String json = ReportJson.render(report);
    String summary = SummaryText.render(report);
    String html = HtmlPage.render(report);
    List<String> svgs = Charts.of(report).stream().map(Chart::svg).toList();
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      RunReport again = Fixtures.report();
      assertEquals(json, ReportJson.render(again));
      assertEquals(summary, SummaryText.render(again));
      assertEquals(html, HtmlPage.render(again));
      assertEquals(svgs, Charts.of(again).stream().map(Chart::svg).toList());
    } finally {
      Locale.setDefault(saved);
    }
  }
}
