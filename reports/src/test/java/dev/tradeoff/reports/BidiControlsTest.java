package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bidirectional controls never reach a report raw. */
class BidiControlsTest {
  @Test
  void controlsAreShownAsCodePointsInTextAndHtml() {
    String hostile = "db\u202Eexe.txt\u2066x\u2069";
    assertEquals("db[U+202E]exe.txt[U+2066]x[U+2069]", BidiControls.shown(hostile));
    String html = HtmlPage.esc(hostile);
    assertEquals("db[U+202E]exe.txt[U+2066]x[U+2069]", html);
    assertEquals("plain", BidiControls.shown("plain"));
    assertEquals("\u05d0\u05d1 stays", BidiControls.shown("\u05d0\u05d1 stays"), "letters stay");
  }

  @Test
  void aSummaryOfAReportWhoseTextsHoldControlsShowsThem() {
    RunReport r = Fixtures.report();
    RunReport hostile =
        new RunReport(
            r.toolVersion(),
            r.scenarioName(),
            "evil \u202E description",
            r.observe(),
            r.scenario(),
            r.seed(),
            r.durationNanos(),
            r.traceHash(),
            r.verdict(),
            r.expectations(),
            r.operations(),
            r.checks(),
            r.series(),
            r.faults(),
            r.replayCommand());
    String text = SummaryText.render(hostile);
    assertFalse(text.contains("\u202E"));
    assertTrue(text.contains("evil [U+202E] description"), text);
  }
}
