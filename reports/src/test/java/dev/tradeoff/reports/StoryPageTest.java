package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story on the page and in {@code report.json}: it survives the file round trip, hostile node
 * names are escaped in both SVGs, and in headless Chromium the timeline and the space-time diagram
 * render with a size, the witness operation and the violation markers are there and highlighted,
 * and the page logs nothing to the console (skipped without Chromium, except on CI).
 */
class StoryPageTest {
  static final String HOSTILE = "<script>alert(1)</script>";
  static final String QUOTES = "n\"' onmouseover=\"alert(2)";

  @TempDir Path tmp;

  /** The fixture report with a story whose node names try to break out of the page. */
  static RunReport report() {
    Story.Diagram diagram =
        new Story.Diagram(
            1_000_000_000L,
            1_050_000_000L,
            List.of(HOSTILE, QUOTES, "client-1"),
            List.of(
                new Story.Message(
                    HOSTILE, QUOTES, "Append", 1_001_000_000L, 1_002_000_000L, "delivered"),
                new Story.Message(
                    QUOTES, HOSTILE, "Ack", 1_003_000_000L, 1_003_000_000L, "dropped-by-partition"),
                new Story.Message("client-1", HOSTILE, "Read", 1_010_000_000L, -1, "in-flight")),
            List.of(
                new Story.ClientOp(
                    "client-1",
                    "read key 0 → 3",
                    1_010_000_000L,
                    1_030_000_000L,
                    "ok",
                    HOSTILE,
                    true),
                new Story.ClientOp(
                    "client-1", "write 4 to key 0", 1_031_000_000L, -1, "info", "", false)),
            0);
    Story story =
        new Story(
            List.of(HOSTILE, QUOTES),
            List.of(
                new Story.Role(HOSTILE, "role", "leader term 1", 0, 1_200_000_000L),
                new Story.Role(QUOTES, "role", "leader term 2", 900_000_000L, 2_000_000_000L),
                new Story.Role(QUOTES, "process", "paused", 100_000_000L, 300_000_000L)),
            List.of(
                new Story.Witness(
                    "staleness",
                    0,
                    1_010_000_000L,
                    1_030_000_000L,
                    "client-1",
                    HOSTILE,
                    "read key 0 → 3")),
            diagram);
    return Fixtures.report().withStory(story);
  }

  @Test
  void storySurvivesReportJson() {
    RunReport r = report();
    RunReport back = ReportJson.parse(ReportJson.render(r));
    assertEquals(r.story(), back.story());
    assertEquals(ReportJson.render(r), ReportJson.render(back));
    // A report written before stories has none, and still reads.
    assertEquals(Story.EMPTY, ReportJson.parse(ReportJson.render(Fixtures.report())).story());
  }

  @Test
  void hostileNodeNamesAreEscapedInBothDrawings() {
    String page = HtmlPage.render(report(), List.of());
    assertFalse(page.contains(HOSTILE), "raw <script> on the page");
    assertFalse(page.contains("onmouseover=\""), "an attribute broke out");
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(page.contains("<svg id=\"timeline\""));
    assertTrue(page.contains("<svg id=\"spacetime\""));
    assertTrue(page.contains("id=\"witness-staleness-1\""), "the marker's link target");
  }

  @Test
  void explainTellsTheWitnessWithWhoAnswered() {
    RunReport r = report();
    assertTrue(Narrative.explain(r, 1).contains("violation 1 (staleness)"));
    // explain wraps lines; the sentence itself:
    String text = Narrative.story(r, r.story().witnesses().get(0));
    assertTrue(
        text.contains(
            "client-1 read key 0 → 3 [1.010 s – 1.030 s], answered by "
                + HOSTILE
                + ", which was then leader term 1 since 0 ms."),
        text);
    assertTrue(text.contains("Meanwhile: " + QUOTES + " leader term 2 since 900.000 ms."), text);
  }

  private static final Pattern ZOOM_PROBE = Pattern.compile("data-zoom-probe=\"([^\"]*)\"");

  @Test
  void theStoryHasOneInlineZoomScriptAndZoomableDrawings() {
    String page = HtmlPage.render(report(), List.of());
    assertEquals(1, page.split("<script>", -1).length - 1, "one script");
    assertTrue(page.contains(HtmlPage.ZOOM_SCRIPT));
    assertTrue(page.contains("<svg id=\"timeline\" data-zoomable=\"\""));
    assertTrue(page.contains("<svg id=\"spacetime\" data-zoomable=\"\""));
    assertEquals(2, page.split("data-zoom=\"in\"", -1).length - 1, "zoom buttons on both");
    assertFalse(page.contains("src=") || page.contains("fetch("), "nothing is loaded");
  }

  @Test
  void zoomAndPanWorkInChromiumWithoutConsoleErrors() throws IOException, InterruptedException {
    Chromium chromium = Chromium.require();
    Path dir = tmp.resolve("zoom");
    ReportFolder.write(dir, report());
    String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
    String probe =
        "<script>(function(){var t=document.getElementById('timeline'),"
            + "s=document.getElementById('spacetime'),tv=t.viewBox.baseVal,sv=s.viewBox.baseVal;"
            + "var r=[tv.width];"
            + "t.dispatchEvent(new WheelEvent('wheel',{deltaY:-100,clientX:500,clientY:40,"
            + "bubbles:true,cancelable:true}));r.push(tv.width,tv.x>0);"
            + "var w=sv.width;s.closest('figure').querySelector('button[data-zoom=in]').click();"
            + "r.push(w,sv.width);"
            + "s.dispatchEvent(new PointerEvent('pointerdown',{clientX:100,clientY:30,bubbles:true}));"
            + "window.dispatchEvent(new PointerEvent('pointermove',{clientX:40,clientY:30}));"
            + "window.dispatchEvent(new PointerEvent('pointerup',{}));var x=sv.x;"
            + "s.closest('figure').querySelector('button[data-zoom=reset]').click();"
            + "r.push(x,sv.x,sv.width);"
            + "document.documentElement.setAttribute('data-zoom-probe',r.join('|'));"
            + "})();</script>";
    Path probed = dir.resolve("probed.html");
    Files.writeString(probed, html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
    Chromium.Run run = chromium.dumpDom(probed, tmp);
    assertEquals(List.of(), run.consoleLines(), run::describe);
    Matcher m = ZOOM_PROBE.matcher(run.dom());
    assertTrue(m.find(), run::describe);
    String[] f = m.group(1).split("\\|", -1);
    double full = Double.parseDouble(f[0]);
    assertEquals(full * 0.8, Double.parseDouble(f[1]), 0.01, "the wheel zoomed the timeline in");
    assertEquals("true", f[2], "around the pointer, not the left edge");
    double whole = Double.parseDouble(f[3]);
    assertEquals(whole / 2, Double.parseDouble(f[4]), 0.01, "the + button halved the window");
    double centred = whole / 4; // zoomed in by half around the middle
    assertTrue(Double.parseDouble(f[5]) > centred, "dragging left panned right: " + f[5]);
    assertEquals(0, Double.parseDouble(f[6]), 0.01, "reset returns to the start");
    assertEquals(whole, Double.parseDouble(f[7]), 0.01, "and to the whole drawing");
  }

  private static final Pattern PROBE = Pattern.compile("data-story-probe=\"([^\"]*)\"");

  @Test
  void timelineAndDiagramRenderInChromium() throws IOException, InterruptedException {
    Chromium chromium = Chromium.require();
    Path dir = tmp.resolve("story");
    ReportFolder.write(dir, report());
    Path page = dir.resolve("index.html");
    Chromium.Run plain = chromium.dumpDom(page, tmp);
    assertEquals(List.of(), plain.consoleLines(), plain::describe);

    String html = Files.readString(page, StandardCharsets.UTF_8);
    String probe =
        "<script>(function(){var q=function(s){return document.querySelectorAll(s).length;};"
            + "var box=function(id){var e=document.getElementById(id);if(!e)return '0x0';"
            + "var b=e.getBoundingClientRect();return Math.round(b.width)+'x'+Math.round(b.height);};"
            + "var w=document.querySelector('#spacetime g.op.witness rect');"
            + "var r=[box('timeline'),box('spacetime'),q('#timeline g.role'),q('#timeline g.violation'),"
            + "q('#spacetime g.op'),q('#spacetime g.op.witness'),q('#spacetime g.msg'),"
            + "q('#spacetime g.msg.dropped'),w?getComputedStyle(w).stroke:'none',q('script'),"
            + "document.querySelector('#timeline text.lane').textContent];"
            + "document.documentElement.setAttribute('data-story-probe',encodeURIComponent(r.join('|')));"
            + "})();</script>";
    Path probed = tmp.resolve("probed.html");
    Files.writeString(probed, html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
    Chromium.Run run = chromium.dumpDom(probed, tmp);
    Matcher m = PROBE.matcher(run.dom());
    assertTrue(m.find(), run::describe);
    String[] f = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8).split("\\|", -1);
    assertTrue(!f[0].startsWith("0x") && !f[0].endsWith("x0"), "timeline size " + f[0]);
    assertTrue(!f[1].startsWith("0x") && !f[1].endsWith("x0"), "diagram size " + f[1]);
    assertEquals("3", f[2], "role bands");
    assertEquals("1", f[3], "violation markers");
    assertEquals("2", f[4], "client operations");
    assertEquals("1", f[5], "highlighted witness operations");
    assertEquals("3", f[6], "messages");
    assertEquals("1", f[7], "dropped messages");
    assertEquals("rgb(207, 34, 46)", f[8], "the witness is drawn red");
    assertEquals("2", f[9], "no script but the zoom script and the probe");
    assertEquals(HOSTILE, f[10], "the hostile name shows as text");
  }
}
