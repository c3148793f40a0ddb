package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code index.html} in headless Chromium and checks what a reader would see: the verdict
 * first and in its colour, every chart laid out with a non-zero size, the scenario name with a
 * {@code <script>} tag shown as text, and no console errors, script errors or resource loads.
 *
 * <p>How: each page is loaded as a probe copy, and the invalid report's page also unmodified, where
 * the browser log must hold no console message at all (the page has no script, so any message is
 * the browser complaining; failed loads are not logged there, the probe catches loads). The probe
 * copy has two inline scripts added: one right after {@code <meta charset>} that records errors,
 * {@code console.error} and {@code alert} calls before any page content is parsed, next to a
 * Content-Security-Policy that allows only the probe's own scripts and no loads; and one just
 * before {@code </body>} that measures the laid-out page and writes the findings, as base64 JSON,
 * into {@code <html data-probe>}, which {@code --dump-dom} prints.
 *
 * <p>Skipped when Chromium is not installed, except on CI, where it fails (see {@link Chromium}).
 */
class HtmlInChromiumTest {
  private static final String NONCE = "tradeoff-probe";

  private static final String HEAD_PROBE =
      """
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
      style-src 'unsafe-inline'; script-src 'nonce-%1$s'">
      <script nonce="%1$s" data-probe>
      window.__probe = {errors: [], alerts: []};
      window.addEventListener('error', function (e) {
        var what = e.message || (e.target && e.target.outerHTML) || String(e);
        window.__probe.errors.push('error: ' + what);
      }, true);
      window.addEventListener('unhandledrejection', function (e) {
        window.__probe.errors.push('unhandled rejection: ' + e.reason);
      });
      document.addEventListener('securitypolicyviolation', function (e) {
        window.__probe.errors.push('blocked by CSP: ' + e.violatedDirective + ' ' + e.blockedURI);
      });
      var originalError = console.error;
      console.error = function () {
        window.__probe.errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
        return originalError.apply(console, arguments);
      };
      window.alert = function (m) { window.__probe.alerts.push(String(m)); };
      </script>
      """
          .formatted(NONCE);

  private static final String BODY_PROBE =
      """
      <script nonce="%s" data-probe>
      (function () {
        var r = {};
        try {
          var v = document.getElementById('verdict');
          if (v) {
            var vb = v.getBoundingClientRect();
            r.verdict = {text: v.textContent, className: v.className,
                background: getComputedStyle(v).backgroundColor,
                width: vb.width, height: vb.height, top: vb.top,
                firstInBody: document.body.firstElementChild === v};
          }
          r.title = document.title;
          var h1 = document.querySelector('h1');
          r.h1 = h1 ? h1.textContent : null;
          r.charts = Array.prototype.map.call(document.querySelectorAll('figure.chart'),
            function (f) {
              var svgs = f.querySelectorAll('svg');
              var s = svgs[0];
              var b = s ? s.getBoundingClientRect() : {width: 0, height: 0, top: 0};
              var cs = s ? getComputedStyle(s) : null;
              return {id: f.id, svgCount: svgs.length, width: b.width, height: b.height,
                  top: b.top, visible: !!cs && cs.display !== 'none'
                      && cs.visibility === 'visible' && cs.opacity !== '0',
                  shapes: s ? s.querySelectorAll('path, line, rect, polyline, text').length : 0};
            });
          var bs = getComputedStyle(document.body);
          r.contentWidth = document.body.clientWidth - parseFloat(bs.paddingLeft)
              - parseFloat(bs.paddingRight);
          r.scripts = Array.prototype.map.call(
            document.querySelectorAll('script:not([data-probe])'),
            function (s) { return s.outerHTML; });
          r.handlers = [];
          Array.prototype.forEach.call(document.querySelectorAll('*'), function (el) {
            Array.prototype.forEach.call(el.attributes, function (a) {
              if (/^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)) {
                r.handlers.push(el.tagName + ' ' + a.name);
              }
            });
          });
          r.resources = performance.getEntriesByType('resource').map(function (e) {
            return e.name;
          });
        } catch (e) {
          r.probeFailure = String(e && e.stack || e);
        }
        r.errors = window.__probe.errors;
        r.alerts = window.__probe.alerts;
        var json = JSON.stringify(r);
        document.documentElement.setAttribute('data-probe',
            btoa(unescape(encodeURIComponent(json))));
      })();
      </script>
      """
          .formatted(NONCE);

  private static final Pattern CHARSET = Pattern.compile("<meta charset=\"utf-8\">\n?");
  private static final Pattern PROBE_ATTRIBUTE =
      Pattern.compile("data-probe=\"([A-Za-z0-9+/=]*)\"");

  @TempDir static Path tmp;

  private static RunReport invalid;
  private static List<Chart> invalidCharts;
  private static Probe invalidPage;
  private static Probe validPage;
  private static Probe mixedPage;
  private static Chromium.Run unmodified;

  /** One probe run's findings and the browser run that produced them. */
  private record Probe(Map<String, Object> json, Chromium.Run run) {
    Map<String, Object> map(String key) {
      Object v = json.get(key);
      assertTrue(v instanceof Map, key + " missing from the probe's findings: " + json);
      return asMap(v);
    }

    List<Object> list(String key) {
      Object v = json.get(key);
      assertTrue(v instanceof List, key + " missing from the probe's findings: " + json);
      return asList(v);
    }

    String string(String key) {
      Object v = json.get(key);
      assertTrue(v instanceof String, key + " missing from the probe's findings: " + json);
      return (String) v;
    }
  }

  @BeforeAll
  static void renderInChromium() throws IOException, InterruptedException {
    if (Chromium.find().isEmpty() && !Chromium.onCi()) {
      return; // Each test skips itself, so that the skip and its reason show in the test report.
    }
    Chromium chromium = Chromium.require();
    invalid = Fixtures.report();
    invalidCharts = Charts.of(invalid);
    Path invalidDir = tmp.resolve("invalid-report");
    ReportFolder.write(invalidDir, invalid);
    Path validDir = tmp.resolve("valid-report");
    ReportFolder.write(validDir, Fixtures.minimal());
    Path mixedDir = tmp.resolve("demonstration-report");
    ReportFolder.write(mixedDir, Fixtures.demonstration());

    invalidPage = probe(chromium, invalidDir.resolve("index.html"));
    validPage = probe(chromium, validDir.resolve("index.html"));
    mixedPage = probe(chromium, mixedDir.resolve("index.html"));
    // Script on the page could open an alert(), which blocks --dump-dom until the timeout; the
    // probe, whose CSP stops such script, has reported it, so leave the unmodified page alone.
    if (invalidPage.list("scripts").isEmpty() && invalidPage.list("handlers").isEmpty()) {
      unmodified = chromium.dumpDom(invalidDir.resolve("index.html"), tmp);
    }
  }

  /** The unmodified page's run; fails if it was not loaded because the probe found script. */
  private static Chromium.Run unmodified() {
    if (unmodified == null) {
      fail(
          "the unmodified page was not loaded: the probe found script on it (see"
              + " scenarioNameWithScriptTagRendersAsText)");
    }
    return unmodified;
  }

  @Test
  void verdictComesFirstInItsColour() {
    Chromium.require();
    Map<String, Object> v = invalidPage.map("verdict");
    assertAll(
        "invalid report's verdict, as rendered",
        () ->
            assertTrue(
                text(v, "text").startsWith("Expectations violated (1/3)"), "verdict text: " + v),
        () -> assertEquals("verdict invalid", text(v, "className"), "verdict class"),
        () -> assertEquals("rgb(207, 34, 46)", text(v, "background"), "verdict background red"),
        () -> assertEquals(Boolean.TRUE, v.get("firstInBody"), "verdict is the first element"),
        () -> assertTrue(number(v, "width") > 0 && number(v, "height") > 0, "verdict size: " + v),
        () ->
            assertTrue(
                number(v, "top") < number(asMap(invalidPage.list("charts").get(0)), "top"),
                "verdict above the first chart"));

    Map<String, Object> ok = validPage.map("verdict");
    assertAll(
        "valid report's verdict, as rendered",
        () -> assertTrue(text(ok, "text").startsWith("Expectations held (1/1)"), "verdict: " + ok),
        () -> assertEquals("verdict valid", text(ok, "className"), "verdict class"),
        () -> assertEquals("rgb(26, 127, 55)", text(ok, "background"), "verdict background green"),
        () -> assertTrue(number(ok, "height") > 0, "verdict size: " + ok));

    // Expectations held, but the checkers found split brain: not the green of "all is well".
    Map<String, Object> mixed = mixedPage.map("verdict");
    assertAll(
        "demonstration's verdict, as rendered",
        () ->
            assertTrue(
                text(mixed, "text").startsWith("Expectations held (2/2)The system: split brain"),
                "verdict text: " + mixed),
        () -> assertEquals("verdict valid mixed", text(mixed, "className"), "verdict class"),
        () ->
            assertEquals(
                "rgb(66, 74, 83)", text(mixed, "background"), "verdict background grey, not green"),
        () -> assertTrue(number(mixed, "height") > 0, "verdict size: " + mixed));
  }

  @Test
  void everyChartRendersWithNonZeroSize() {
    Chromium.require();
    List<String> expected = invalidCharts.stream().map(c -> "chart-" + c.name()).toList();
    assertTrue(expected.size() >= 2, "the fixture should draw several charts: " + expected);
    assertCharts(invalidPage, expected);
    assertCharts(
        validPage, Charts.of(Fixtures.minimal()).stream().map(c -> "chart-" + c.name()).toList());
  }

  private static void assertCharts(Probe page, List<String> expectedIds) {
    List<Object> charts = page.list("charts");
    List<String> ids = new ArrayList<>();
    charts.forEach(c -> ids.add(text(asMap(c), "id")));
    assertEquals(expectedIds, ids, "figure.chart elements on the page, in order");
    double contentWidth = number(page.json(), "contentWidth");
    double aspect = (double) Chart.WIDTH_PX / Chart.HEIGHT_PX;
    List<Executable> checks = new ArrayList<>();
    for (Object o : charts) {
      Map<String, Object> c = asMap(o);
      String id = text(c, "id");
      double w = number(c, "width");
      double h = number(c, "height");
      checks.add(() -> assertEquals(1.0, number(c, "svgCount"), id + ": one inline <svg>"));
      checks.add(() -> assertTrue(w > 0 && h > 0, id + ": laid out with size " + w + "x" + h));
      checks.add(() -> assertEquals(Boolean.TRUE, c.get("visible"), id + ": visible"));
      checks.add(
          () ->
              assertTrue(
                  w <= contentWidth + 0.5, id + ": fits the body's " + contentWidth + " px: " + c));
      checks.add(
          () ->
              assertEquals(
                  aspect, w / Math.max(h, 1e-9), aspect * 0.02, id + ": keeps its aspect ratio"));
      checks.add(() -> assertTrue(number(c, "shapes") > 10, id + ": draws something: " + c));
    }
    assertAll("charts", checks);
  }

  @Test
  void scenarioNameWithScriptTagRendersAsText() {
    Chromium.require();
    String name = invalid.scenarioName();
    assertTrue(name.contains(Fixtures.SCRIPT), "fixture name carries the <script> tag");
    assertAll(
        "the injected <script> is text, not markup",
        () -> assertEquals(List.of(), invalidPage.list("scripts"), "script elements on the page"),
        () -> assertEquals(List.of(), invalidPage.list("alerts"), "alert() calls"),
        () -> assertEquals(List.of(), invalidPage.list("handlers"), "on* / javascript: attributes"),
        () -> assertEquals(name, invalidPage.string("h1"), "heading shows the name verbatim"),
        () ->
            assertTrue(
                invalidPage.string("title").contains(name),
                "title shows the name verbatim: " + invalidPage.string("title")),
        () ->
            assertFalse(
                unmodified().dom().toLowerCase(java.util.Locale.ROOT).contains("<script"),
                "the unmodified page's DOM has a <script> element"),
        () ->
            assertTrue(
                unmodified().dom().contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "the unmodified page's DOM shows the tag as text"));
  }

  @Test
  void noConsoleErrorsScriptErrorsOrLoads() {
    Chromium.require();
    List<Executable> checks = new ArrayList<>();
    for (Probe page : List.of(invalidPage, validPage)) {
      String url = page.run().command().get(page.run().command().size() - 1);
      checks.add(
          () -> assertEquals(List.of(), page.list("errors"), url + ": errors seen by the probe"));
      checks.add(() -> assertEquals(List.of(), page.list("resources"), url + ": resources loaded"));
      checks.add(
          () ->
              assertEquals(
                  List.of(),
                  page.run().consoleLines(),
                  url + ": console messages in the browser log"));
    }
    checks.add(
        () ->
            assertEquals(
                List.of(),
                unmodified().consoleLines(),
                "unmodified index.html: console messages in the browser log"));
    checks.add(
        () ->
            assertTrue(
                unmodified().dom().contains("id=\"verdict\""),
                "unmodified index.html rendered the verdict:\n" + unmodified().describe()));
    assertAll("errors and loads", checks);
  }

  /** Writes the probe copy of {@code page} next to it, loads it and decodes the findings. */
  private static Probe probe(Chromium chromium, Path page)
      throws IOException, InterruptedException {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    Matcher charset = CHARSET.matcher(html);
    assertTrue(charset.find(), "index.html declares <meta charset=\"utf-8\">");
    int bodyEnd = html.lastIndexOf("</body>");
    assertTrue(bodyEnd > charset.end(), "index.html has a </body>");
    String probed =
        html.substring(0, charset.end())
            + HEAD_PROBE
            + html.substring(charset.end(), bodyEnd)
            + BODY_PROBE
            + html.substring(bodyEnd);
    Path probe = page.resolveSibling("probe.html");
    Files.writeString(probe, probed, StandardCharsets.UTF_8);

    Chromium.Run run = chromium.dumpDom(probe, tmp);
    Matcher m = PROBE_ATTRIBUTE.matcher(run.dom());
    if (!m.find()) {
      fail(
          "the probe reported nothing; the page did not load or its script failed\n"
              + run.describe()
              + "\nDOM:\n"
              + run.dom());
    }
    String json = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    Map<String, Object> findings = asMap(Json.parse(json));
    assertNotNull(findings);
    assertFalse(findings.containsKey("probeFailure"), "the probe script failed: " + findings);
    return new Probe(findings, run);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    assertTrue(o instanceof Map, "expected a JSON object, got " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object o) {
    return (List<Object>) o;
  }

  private static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    assertTrue(v instanceof String, key + " is not text in " + m);
    return (String) v;
  }

  private static double number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    assertTrue(v instanceof Json.Num, key + " is not a number in " + m);
    return Double.parseDouble(((Json.Num) v).text());
  }
}
