package dev.tradeoff.reports;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a sweep's {@code index.html}: one self-contained page (no script, no network, no other
 * file), in the run page's style — the verdict counts, big and coloured by the worst verdict; the
 * metric-vs-parameter charts as inline SVG; a table of every point and operation kind; violations
 * and expectation outcomes per point; the parameters, seeds, overrides and base scenario.
 *
 * <p>Contract: every piece of report text is HTML-escaped ({@link HtmlPage#esc}); deterministic:
 * equal reports give byte-identical pages on one machine (the SVG depends on its fonts).
 */
public final class SweepPage {
  // The run page's style, wider for the point-by-point tables.
  private static final String CSS = HtmlPage.CSS + "body{max-width:1100px}\n";

  private SweepPage() {}

  /** The page for {@code r} over its {@code points}, with {@code charts} inlined in list order. */
  public static String render(SweepReport r, List<SweepPoint> points, List<Chart> charts) {
    int valid = 0;
    int invalid = 0;
    int unknown = 0;
    for (SweepPoint p : points) {
      valid += p.valid();
      invalid += p.invalid();
      unknown += p.unknown();
    }
    String headline = SweepSummary.headline(r.items().size(), valid, invalid, unknown);
    String word = invalid > 0 ? "invalid" : unknown > 0 ? "unknown" : "valid";
    StringBuilder h = new StringBuilder();
    HtmlPage.head(h, "sweep " + word + " - " + r.scenarioName() + " - tradeoff", CSS);
    h.append("<div class=\"verdict ")
        .append(word)
        .append("\" id=\"verdict\">")
        .append(HtmlPage.esc("SWEEP " + word.toUpperCase(Locale.ROOT)))
        .append("<small>")
        .append(HtmlPage.esc(headline))
        .append("</small></div>\n");
    h.append("<h1>").append(HtmlPage.esc(r.scenarioName())).append("</h1>\n");
    if (r.shard() != null) {
      h.append("<p><strong>Shard ")
          .append(HtmlPage.esc(r.shard().toString()))
          .append(":</strong> ")
          .append(r.items().size())
          .append(" of ")
          .append(r.runCount())
          .append(" runs. Merge every shard with <code>tradeoff merge</code> for the sweep's")
          .append(" results.</p>\n");
    }

    h.append("<h2 id=\"decision\">Decision</h2>\n")
        .append(SweepDecision.of(r, points).html())
        .append("<p>One column per point, every seed's runs added up; bold: the best value of the")
        .append(" row. As CSV: <a href=\"decision.csv\">decision.csv</a>.</p>\n");
    HtmlPage.charts(h, charts, ". ");

    h.append("<h2 id=\"points\">Points</h2>\n");
    h.append("<p>Latency of OK completions in ms, every seed's runs merged; p99 min, median and")
        .append(" max are over the seeds' own p99.</p>\n<table>\n<tr><th>point</th>");
    for (SweepParam p : r.params()) {
      h.append("<th>").append(HtmlPage.esc(p.path())).append("</th>");
    }
    h.append("<th>kind</th><th>runs</th><th>valid</th><th>invalid</th><th>unknown</th>")
        .append("<th>ops/s median</th><th>p50</th><th>p99</th><th>p99.9</th>")
        .append("<th>p99 min</th><th>p99 median</th><th>p99 max</th></tr>\n");
    for (SweepPoint p : points) {
      for (SweepPoint.Kind k : p.operations()) {
        boolean any = k.latencyNanos().getTotalCount() > 0;
        h.append("<tr>");
        HtmlPage.num(h, Integer.toString(p.index()));
        for (String v : p.values()) {
          h.append("<td><code>").append(HtmlPage.esc(v)).append("</code></td>");
        }
        h.append("<td>").append(HtmlPage.esc(k.kind())).append("</td>");
        HtmlPage.num(h, Integer.toString(p.runs()));
        HtmlPage.num(h, Integer.toString(p.valid()));
        HtmlPage.num(h, Integer.toString(p.invalid()));
        HtmlPage.num(h, Integer.toString(p.unknown()));
        HtmlPage.num(h, Numbers.rateFixed(k.throughputPerSec()[1]));
        HtmlPage.num(h, any ? Numbers.msFixed(k.latencyNanos().getValueAtPercentile(50)) : "-");
        HtmlPage.num(h, any ? Numbers.msFixed(k.latencyNanos().getValueAtPercentile(99)) : "-");
        HtmlPage.num(h, any ? Numbers.msFixed(k.latencyNanos().getValueAtPercentile(99.9)) : "-");
        HtmlPage.num(h, Numbers.msFixed(k.p99Nanos()[0]));
        HtmlPage.num(h, Numbers.msFixed(k.p99Nanos()[1]));
        HtmlPage.num(h, Numbers.msFixed(k.p99Nanos()[2]));
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");

    h.append("<h2 id=\"checks\">Checks and expectations</h2>\n<table>\n")
        .append("<tr><th>point</th><th>check or expectation</th><th>result</th></tr>\n");
    for (SweepPoint p : points) {
      for (Map.Entry<String, Long> v : p.violations().entrySet()) {
        h.append("<tr>");
        HtmlPage.num(h, Integer.toString(p.index()));
        h.append("<td>").append(HtmlPage.esc(v.getKey())).append("</td><td");
        h.append(v.getValue() > 0 ? " class=\"violated\">" : ">");
        h.append(v.getValue()).append(" violations</td></tr>\n");
      }
      for (Map.Entry<String, int[]> x : p.expectations().entrySet()) {
        int[] n = x.getValue();
        h.append("<tr>");
        HtmlPage.num(h, Integer.toString(p.index()));
        h.append("<td>").append(HtmlPage.esc(x.getKey())).append("</td><td");
        h.append(n[1] > 0 ? " class=\"violated\">" : n[2] > 0 ? " class=\"unknown\">" : ">");
        h.append(String.format(Locale.ROOT, "held %d, violated %d, unknown %d", n[0], n[1], n[2]))
            .append("</td></tr>\n");
      }
    }
    h.append("</table>\n");

    h.append("<h2 id=\"sweep\">Sweep</h2>\n<table>\n");
    for (SweepParam p : r.params()) {
      HtmlPage.row(h, "param " + p.path(), String.join(" | ", p.values()));
    }
    StringBuilder seeds = new StringBuilder();
    for (long s : r.seeds()) {
      seeds.append(seeds.length() == 0 ? "" : ",").append(s);
    }
    HtmlPage.row(h, "seeds", seeds.toString());
    for (String s : r.sets()) {
      HtmlPage.row(h, "set", s);
    }
    HtmlPage.row(h, "runs", Integer.toString(r.runCount()));
    HtmlPage.row(h, "tool", "tradeoff " + r.toolVersion());
    h.append("</table>\n<h2 id=\"scenario\">Base scenario</h2>\n<pre>")
        .append(HtmlPage.esc(Json.write(Json.tree(r.scenario()))))
        .append("</pre>\n</body>\n</html>\n");
    return h.toString();
  }
}
