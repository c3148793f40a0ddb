package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import java.util.List;

/**
 * Writes {@code index.html}: one self-contained page (no network, no other file; one inline script,
 * {@link #ZOOM_SCRIPT}, to zoom and pan the story's drawings) in this order — the verdict banner in
 * two parts, what the expectations came to (big) and what the checkers found in the system (small),
 * coloured by both: green only when the expectations held and no checker found a violation,
 * amber-edged grey ({@code mixed}) when they held but a checker did find one (a scenario that
 * demonstrates a failure), red when an expectation was violated, amber when one was undecided; the
 * expectations; what happened (the role timeline, {@link TimelineSvg}, and the space-time diagram
 * around a violation, {@link SpaceTimeSvg}, with its {@link Narrative} caption); the charts as
 * inline SVG, each in {@code <figure class="chart" id="chart-<name>">} with a caption; the
 * operations table with what fail and info mean; the checks with their violations, witnesses (each
 * with its story sentence and an id the timeline's markers link to) and (staleness) t-visibility
 * table; the fault windows; the scenario as pretty JSON; the seed, trace hash and replay command.
 *
 * <p>Contract: every piece of report text is HTML-escaped, so a scenario named {@code <script>}
 * shows as text; SVG text is XML-escaped by JFreeSVG. The only {@code http} URIs on the page are
 * the SVG, XLink and JFreeSVG namespace names on each {@code <svg>} element, which browsers never
 * fetch. Deterministic: equal reports give byte-identical pages.
 */
public final class HtmlPage {
  static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;\
      max-width:960px;padding:0 1rem;color:#1f2328;line-height:1.4}
      h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:2rem;\
      border-bottom:1px solid #d0d7de}
      .verdict{font-size:2rem;font-weight:700;padding:.8rem 1rem;border-radius:6px;color:#fff}
      .verdict.valid{background:#1a7f37}.verdict.invalid{background:#cf222e}\
      .verdict.unknown{background:#bf8700}\
      .verdict.mixed{background:#424a53;border-left:.6rem solid #d4a72c}
      .verdict small{display:block;font-size:1rem;font-weight:400}
      table{border-collapse:collapse;font-size:.9rem}td,th{padding:.2rem .6rem;\
      border-bottom:1px solid #eaeef2;text-align:left}td.n{text-align:right;\
      font-variant-numeric:tabular-nums}
      .held{color:#1a7f37}.violated{color:#cf222e;font-weight:700}.unknown{color:#9a6700}
      figure.chart{margin:1rem 0}figure.chart svg{max-width:100%;height:auto}
      figcaption{font-size:.85rem;color:#57606a}
      pre,code{background:#f6f8fa;font-size:.85rem}pre{padding:.8rem;overflow:auto}
      .witness{font-family:ui-monospace,monospace;font-size:.85rem;white-space:pre-wrap}
      p.note{font-size:.85rem;color:#57606a;margin:.3rem 0}
      figure.story{margin:1rem 0;overflow-x:auto}figure.story svg{max-width:100%;height:auto}
      .witness .story{font-family:system-ui,sans-serif;color:#57606a}
      .witness:target{background:#fff8c5}
      .zoom{float:right}.zoom button{font-size:.8rem;margin-left:.2rem}
      figure.story svg[data-zoomable]{cursor:grab;touch-action:none}
      """;

  /**
   * Zoom and pan for the role timeline and the space-time diagram, inline: the mouse wheel zooms
   * around the pointer, a drag pans, and the figure's buttons zoom in, out or back, all by changing
   * the SVG's viewBox within its original bounds. Nothing is fetched; without script the drawings
   * stay whole.
   */
  static final String ZOOM_SCRIPT =
      """
      <script>
      (function(){document.querySelectorAll('svg[data-zoomable]').forEach(function(s){
      var v=s.viewBox.baseVal,X=v.x,Y=v.y,W=v.width,H=v.height,d=null;
      function set(x,y,w){w=Math.max(W/64,Math.min(W,w));var h=w*H/W;
      v.x=Math.max(X,Math.min(X+W-w,x));v.y=Math.max(Y,Math.min(Y+H-h,y));v.width=w;v.height=h;}
      function zoom(f,cx,cy){set(cx-(cx-v.x)*f,cy-(cy-v.y)*f,v.width*f);}
      function at(e){var r=s.getBoundingClientRect();
      return[v.x+(e.clientX-r.left)/r.width*v.width,v.y+(e.clientY-r.top)/r.height*v.height];}
      s.addEventListener('wheel',function(e){e.preventDefault();var p=at(e);
      zoom(e.deltaY<0?0.8:1.25,p[0],p[1]);},{passive:false});
      s.addEventListener('pointerdown',function(e){d={x:e.clientX,y:e.clientY,vx:v.x,vy:v.y};});
      window.addEventListener('pointermove',function(e){if(!d)return;var r=s.getBoundingClientRect();
      set(d.vx-(e.clientX-d.x)/r.width*v.width,d.vy-(e.clientY-d.y)/r.height*v.height,v.width);});
      window.addEventListener('pointerup',function(){d=null;});
      s.closest('figure').querySelectorAll('button[data-zoom]').forEach(function(b){
      b.addEventListener('click',function(){var k=b.getAttribute('data-zoom');
      if(k==='reset'){set(X,Y,W);}else{zoom(k==='in'?0.5:2,v.x+v.width/2,v.y+v.height/2);}});});
      });})();
      </script>
      """;

  /** The zoom buttons above a zoomable drawing. */
  private static final String ZOOM_BUTTONS =
      "<div class=\"zoom\"><button type=\"button\" data-zoom=\"in\" title=\"zoom in\">+</button>"
          + "<button type=\"button\" data-zoom=\"out\" title=\"zoom out\">−</button>"
          + "<button type=\"button\" data-zoom=\"reset\" title=\"whole drawing\">reset</button>"
          + "</div>\n";

  private HtmlPage() {}

  /** The page for {@code report}, drawing its charts with {@link Charts#of}. */
  public static String render(RunReport report) {
    return render(report, Charts.of(report));
  }

  /** The page for {@code report} with the given charts, inlined in list order. */
  public static String render(RunReport r, List<Chart> charts) {
    StringBuilder h = new StringBuilder();
    String expected = Findings.capitalised(Findings.expectations(r.expectations()));
    head(h, expected + " - " + r.scenarioName() + " - tradeoff", CSS);

    String verdict = ReportJson.word(r.verdict());
    boolean mixed = r.verdict() == Verdict.VALID && Findings.systemViolated(r.checks());
    String system = Findings.capitalised(Findings.system(r.checks()));
    h.append("<div class=\"verdict ")
        .append(verdict)
        .append(mixed ? " mixed" : "")
        .append("\" id=\"verdict\" data-verdict=\"")
        .append(verdict)
        .append("\">")
        .append(esc(expected))
        .append("<small>")
        .append(esc(system.isEmpty() ? "No checkers ran." : system))
        .append("</small></div>\n");
    h.append("<h1>").append(esc(r.scenarioName())).append("</h1>\n");
    if (!r.description().isEmpty()) {
      h.append("<p>").append(esc(r.description())).append("</p>\n");
    }
    if (!r.observe().isEmpty()) {
      h.append("<p><strong>Observe:</strong> ").append(esc(r.observe())).append("</p>\n");
    }

    h.append("<h2 id=\"expectations\">Expectations</h2>\n");
    if (r.expectations().isEmpty()) {
      h.append("<p>The scenario states no expectations.</p>\n");
    } else {
      h.append("<table>\n<tr><th>outcome</th><th>expectation</th><th>observed</th></tr>\n");
      for (ExpectationResult e : r.expectations()) {
        String word = ReportJson.outcomeWord(e.outcome());
        h.append("<tr><td class=\"")
            .append(word)
            .append("\">")
            .append(word)
            .append("</td><td><code>")
            .append(esc(e.text()))
            .append("</code></td><td>")
            .append(esc(Numbers.readableTimes(e.observed())))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    story(h, r);
    charts(h, charts, ". ");

    operations(h, r);
    checks(h, r);
    faults(h, r);

    h.append("<h2 id=\"scenario\">Scenario</h2>\n<pre>")
        .append(esc(Json.write(Json.tree(r.scenario()))))
        .append("</pre>\n");
    h.append("<h2 id=\"replay\">Replay</h2>\n<table>\n");
    row(h, "seed", Long.toString(r.seed()));
    row(h, "simulated duration", Numbers.seconds(r.durationNanos()));
    row(h, "trace hash", Numbers.hex16(r.traceHash()));
    row(h, "tool", "tradeoff " + r.toolVersion());
    h.append("</table>\n<pre>").append(esc(r.replayCommand())).append("</pre>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** The id of witness {@code index} of check {@code check}'s list item. */
  static String witnessId(String check, int index) {
    return "witness-" + check + "-" + (index + 1);
  }

  /**
   * What happened: the role timeline and, around the first violation, the space-time diagram with
   * its caption; nothing when the story is empty.
   */
  private static void story(StringBuilder h, RunReport r) {
    String timeline = TimelineSvg.render(r);
    if (timeline.isEmpty()) {
      return;
    }
    h.append("<h2 id=\"what-happened\">What happened</h2>\n<figure class=\"story\">\n")
        .append(ZOOM_BUTTONS)
        .append(timeline)
        .append("\n<figcaption>Role timeline: one lane per node; blue bands are leadership")
        .append(" (light blue: lease held), red crashed, amber paused, purple cut off from other")
        .append(" nodes; grey shading marks fault windows; red markers are violations at the")
        .append(" times of their witnesses (click one for its witness); green lines are a")
        .append(" cache's flushes and invalidations, amber ones its expiries, orange bands a")
        .append(" multi-leader's conflict windows. Wheel to zoom, drag to pan.</figcaption>\n")
        .append("</figure>\n");
    Story.Diagram d = r.story().diagram();
    if (d != null) {
      Narrative.Violation focus = Narrative.focus(r);
      h.append("<h3 id=\"space-time\">Around ")
          .append(focus == null ? "a violation" : "violation " + focus.number())
          .append(": ")
          .append(esc(Numbers.readable(d.fromNanos())))
          .append(" – ")
          .append(esc(Numbers.readable(d.toNanos())))
          .append("</h3>\n<figure class=\"story\">\n")
          .append(ZOOM_BUTTONS)
          .append(SpaceTimeSvg.render(d))
          .append("\n<figcaption id=\"space-time-caption\">")
          .append(esc(Narrative.caption(r)))
          .append(
              d.omitted() > 0
                  ? esc(" The recorder's budget left out " + d.omitted() + " events.")
                  : "")
          .append("</figcaption>\n</figure>\n");
    }
    h.append(ZOOM_SCRIPT);
  }

  private static void operations(StringBuilder h, RunReport r) {
    if (r.operations().isEmpty()) {
      return;
    }
    h.append("<h2 id=\"operations\">Operations</h2>\n<table>\n<tr><th>kind</th><th>count</th>")
        .append("<th>ok</th><th>fail*</th><th>info*</th><th>ops/s</th><th>p50 ms</th>")
        .append("<th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>\n");
    for (OperationStats op : r.operations()) {
      boolean any = op.hasLatency();
      h.append("<tr><td>").append(esc(op.kind())).append("</td>");
      num(h, Long.toString(op.count()));
      num(h, Long.toString(op.ok()));
      num(h, Long.toString(op.fail()));
      num(h, Long.toString(op.info()));
      num(h, Numbers.rateFixed(op.throughputPerSec()));
      num(h, any ? Numbers.msFixed(op.latencyAtPercentileNanos(50)) : "-");
      num(h, any ? Numbers.msFixed(op.latencyAtPercentileNanos(90)) : "-");
      num(h, any ? Numbers.msFixed(op.latencyAtPercentileNanos(99)) : "-");
      num(h, any ? Numbers.msFixed(op.latencyAtPercentileNanos(99.9)) : "-");
      num(h, any ? Numbers.msFixed(op.latencyNanos().getMaxValue()) : "-");
      h.append("</tr>\n");
    }
    h.append("</table>\n<p class=\"note\">* ")
        .append(esc(SummaryText.OUTCOMES_NOTE))
        .append(".</p>\n");
  }

  private static void checks(StringBuilder h, RunReport r) {
    if (r.checks().isEmpty()) {
      return;
    }
    h.append("<h2 id=\"checks\">Checks</h2>\n<table>\n")
        .append("<tr><th>check</th><th>verdict</th><th>violations</th><th>detail</th></tr>\n");
    for (CheckResult c : r.checks()) {
      String word = ReportJson.word(c.verdict());
      String css =
          c.verdict() == Verdict.INVALID
              ? "violated"
              : c.verdict() == Verdict.VALID ? "held" : "unknown";
      h.append("<tr><td>")
          .append(esc(c.checker()))
          .append("</td><td class=\"")
          .append(css)
          .append("\">")
          .append(word)
          .append("</td>");
      num(h, Long.toString(c.violations()));
      h.append("<td>").append(esc(Numbers.readableTimes(c.detail()))).append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (CheckResult c : r.checks()) {
      visibility(h, c);
    }
    for (CheckResult c : r.checks()) {
      if (c.witnesses().isEmpty()) {
        continue;
      }
      h.append("<h3>").append(esc(c.checker())).append(": ");
      h.append(c.violations()).append(c.violations() == 1 ? " violation" : " violations");
      if (c.witnesses().size() < c.violations()) {
        h.append(", the first ").append(c.witnesses().size());
      }
      h.append("</h3>\n<ol>\n");
      for (int i = 0; i < c.witnesses().size(); i++) {
        h.append("<li class=\"witness\" id=\"")
            .append(esc(witnessId(c.checker(), i)))
            .append("\">")
            .append(esc(Numbers.readableTimes(c.witnesses().get(i))));
        Story.Witness placed = Narrative.placed(r, new Narrative.Violation(0, c.checker(), i, ""));
        if (placed != null) {
          h.append("<br><span class=\"story\">")
              .append(esc(Narrative.story(r, placed)))
              .append("</span>");
        }
        h.append("</li>\n");
      }
      h.append("</ol>\n");
    }
  }

  /** A staleness check's t-visibility as a table, one row per delay t. */
  private static void visibility(StringBuilder h, CheckResult c) {
    if (c.visibility().isEmpty()) {
      return;
    }
    h.append("<h3>")
        .append(esc(c.checker()))
        .append(": t-visibility</h3>\n<p class=\"note\">P(consistent): of the reads that began at")
        .append(" least t after a write to their key was acknowledged, the share that saw it or")
        .append(" something newer.</p>\n<table>\n<tr><th>t</th><th>P(consistent)</th>")
        .append("<th>consistent</th><th>reads</th></tr>\n");
    for (StalenessReport.Visibility v : c.visibility()) {
      h.append("<tr>");
      num(h, Numbers.exactMs(v.delayNanos()) + " ms");
      num(h, Numbers.shareFixed(v));
      num(h, Long.toString(v.visible()));
      num(h, Long.toString(v.reads()));
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void faults(StringBuilder h, RunReport r) {
    h.append("<h2 id=\"faults\">Fault windows</h2>\n");
    if (r.faults().isEmpty()) {
      h.append("<p>No faults were injected.</p>\n");
      return;
    }
    h.append("<table>\n<tr><th>start</th><th>end</th><th>fault</th></tr>\n");
    for (FaultSpan f : r.faults()) {
      h.append("<tr>");
      num(h, Numbers.seconds(f.startNanos()));
      num(h, Numbers.seconds(f.endNanos()));
      h.append("<td>").append(esc(f.label())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /**
   * Opens a page, as every page of ours opens: the doctype, {@code head} with {@code title} and
   * {@code css}, and the opening {@code body} tag.
   */
  static void head(StringBuilder h, String title, String css) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(css)
        .append("</style>\n</head>\n<body>\n");
  }

  /**
   * The charts section: each chart inline in {@code <figure class="chart" id="chart-<name>">},
   * captioned with its title, {@code between} and its caption; nothing when there is no chart.
   */
  static void charts(StringBuilder h, List<Chart> charts, String between) {
    if (charts.isEmpty()) {
      return;
    }
    h.append("<h2 id=\"charts\">Charts</h2>\n");
    for (Chart c : charts) {
      h.append("<figure class=\"chart\" id=\"chart-")
          .append(esc(c.name()))
          .append("\">\n")
          .append(c.svg())
          .append("\n<figcaption>")
          .append(esc(c.title() + between + c.caption()))
          .append("</figcaption>\n</figure>\n");
    }
  }

  /** A table row: {@code key} as its header, {@code value} as code. */
  static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td><code>").append(esc(value));
    h.append("</code></td></tr>\n");
  }

  /** A right-aligned number cell. */
  static void num(StringBuilder h, String text) {
    h.append("<td class=\"n\">").append(esc(text)).append("</td>");
  }

  /**
   * {@code text} safe inside HTML element content and double-quoted attributes: {@code & < > " '}
   * escaped, and characters that are not allowed in HTML (controls other than tab, line feed and
   * carriage return; lone surrogates) replaced by U+FFFD, bidirectional controls shown as text.
   */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
            out.append('\uFFFD');
          } else if (BidiControls.is(c)) {
            out.append(BidiControls.shown(c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
