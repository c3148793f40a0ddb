package dev.tradeoff.reports;

import static dev.tradeoff.reports.HtmlPage.esc;

import java.util.List;
import java.util.Locale;

/**
 * The role timeline as inline SVG ({@code <svg id="timeline">}): one lane per node, its states as
 * bands — {@code role} and {@code lease} in the upper half, {@code process} (crashed, paused),
 * {@code conflicts} (a multi-leader's windows of concurrent writes) and {@code network} (cut off)
 * in the lower, {@code cache} marks (flushes, invalidations) as thin green lines across the lane —
 * fault windows shaded across every lane, and a red marker ({@code class="violation"}) at each
 * placed witness's time, linking to the witness in the list. Every band and marker carries a {@code
 * <title>} with the state and its times.
 *
 * <p>Contract: all text is escaped with {@link HtmlPage#esc}; coordinates are printed with one
 * decimal in the root locale, so equal stories give byte-identical SVG.
 */
final class TimelineSvg {
  static final int WIDTH = 900;
  static final int LEFT = 120;
  static final int RIGHT = 10;
  static final int LANE = 30;
  static final int TOP = 24;

  private TimelineSvg() {}

  /** The SVG, or the empty string when the story has no lanes. */
  static String render(RunReport r) {
    Story s = r.story();
    if (s.lanes().isEmpty()) {
      return "";
    }
    long end = Math.max(1, r.durationNanos());
    int height = TOP + LANE * s.lanes().size() + 20;
    StringBuilder h = new StringBuilder();
    h.append(
            "<svg id=\"timeline\" data-zoomable=\"\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    for (FaultSpan f : r.faults()) {
      double x0 = x(f.startNanos(), 0, end);
      double x1 = Math.max(x0 + 1.5, x(f.endNanos(), 0, end));
      h.append("<rect class=\"fault\" x=\"")
          .append(f1(x0))
          .append("\" y=\"")
          .append(TOP - 4)
          .append("\" width=\"")
          .append(f1(x1 - x0))
          .append("\" height=\"")
          .append(LANE * s.lanes().size() + 4)
          .append("\" fill=\"#d0d7de\" fill-opacity=\"0.45\"><title>")
          .append(esc(f.label() + " " + span(f.startNanos(), f.endNanos())))
          .append("</title></rect>\n");
    }
    for (int i = 0; i < s.lanes().size(); i++) {
      int y = TOP + i * LANE;
      h.append("<text class=\"lane\" x=\"4\" y=\"")
          .append(y + LANE / 2 + 4)
          .append("\">")
          .append(esc(s.lanes().get(i)))
          .append("</text><line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y + LANE / 2)
          .append("\" y2=\"")
          .append(y + LANE / 2)
          .append("\" stroke=\"#d0d7de\"/>\n");
    }
    for (Story.Role role : s.roles()) {
      int lane = s.lanes().indexOf(role.lane());
      if (lane >= 0) {
        band(h, role, TOP + lane * LANE, end);
      }
    }
    for (Story.Witness w : s.witnesses()) {
      double x = x(w.atNanos(), 0, end);
      h.append("<a href=\"#")
          .append(esc(HtmlPage.witnessId(w.check(), w.index())))
          .append("\"><g class=\"violation\" data-check=\"")
          .append(esc(w.check()))
          .append("\"><line x1=\"")
          .append(f1(x))
          .append("\" x2=\"")
          .append(f1(x))
          .append("\" y1=\"")
          .append(TOP - 10)
          .append("\" y2=\"")
          .append(TOP + LANE * s.lanes().size())
          .append("\" stroke=\"#cf222e\" stroke-width=\"1.5\"/><path d=\"M")
          .append(f1(x - 5))
          .append(' ')
          .append(TOP - 14)
          .append("h10l-5 8z\" fill=\"#cf222e\"/><title>")
          .append(esc(w.check() + " #" + (w.index() + 1) + " at " + Numbers.readable(w.atNanos())))
          .append(esc(w.what().isEmpty() ? "" : ": " + w.client() + " " + w.what()))
          .append(esc(w.node().isEmpty() ? "" : ", answered by " + w.node()))
          .append("</title></g></a>\n");
    }
    axis(h, 0, end, TOP + LANE * s.lanes().size() + 14);
    h.append("</svg>");
    return h.toString();
  }

  /** How a track's band is drawn: its colour, its offset from the lane's top, its height. */
  private record Look(String fill, int offset, int height) {}

  private static Look look(Story.Role role) {
    return switch (role.track()) {
      case "role" -> new Look("#0969da", 3, 10);
      case "lease" -> new Look("#54aeff", 13, 3);
      // a mark (a flush): an instant drawn as a thin line across the lane
      case "cache" -> new Look("#1a7f37", 1, 28);
      case "invalidations" -> new Look("#4ac26b", 1, 14);
      case "expiries" -> new Look("#bf8700", 15, 14);
      case "conflicts" -> new Look("#fb8500", 17, 10);
      case "process" -> new Look(role.state().equals("crashed") ? "#cf222e" : "#bf8700", 17, 10);
      default -> new Look("#8250df", 17, 10);
    };
  }

  private static void band(StringBuilder h, Story.Role role, int y, long end) {
    double x0 = x(role.startNanos(), 0, end);
    double x1 = Math.max(x0 + 1.5, x(role.endNanos(), 0, end));
    Look look = look(role);
    String fill = look.fill();
    int top = y + look.offset();
    int height = look.height();
    h.append("<g class=\"role\" data-lane=\"")
        .append(esc(role.lane()))
        .append("\" data-track=\"")
        .append(esc(role.track()))
        .append("\"><rect x=\"")
        .append(f1(x0))
        .append("\" y=\"")
        .append(top)
        .append("\" width=\"")
        .append(f1(x1 - x0))
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"")
        .append(fill)
        .append("\" fill-opacity=\"0.8\"/>");
    String label = role.state();
    if (height == 10 && (x1 - x0) > label.length() * 6 + 4) {
      h.append("<text x=\"")
          .append(f1(x0 + 3))
          .append("\" y=\"")
          .append(top + 9)
          .append("\" fill=\"#fff\" font-size=\"9\">")
          .append(esc(label))
          .append("</text>");
    }
    h.append("<title>")
        .append(esc(role.lane() + ": " + label + " " + span(role.startNanos(), role.endNanos())))
        .append("</title></g>\n");
  }

  /** A time axis along {@code y} with about eight ticks. */
  static void axis(StringBuilder h, long from, long to, int y) {
    long step = niceStep((to - from) / 8);
    for (long t = ((from + step - 1) / step) * step; t <= to; t += step) {
      double x = x(t, from, to);
      h.append("<text class=\"tick\" x=\"")
          .append(f1(x))
          .append("\" y=\"")
          .append(y)
          .append("\" text-anchor=\"middle\" fill=\"#57606a\">")
          .append(esc(Numbers.readable(t)))
          .append("</text>");
    }
    h.append('\n');
  }

  private static long niceStep(long raw) {
    long step = 1;
    while (step * 10 <= Math.max(1, raw)) {
      step *= 10;
    }
    if (step * 5 <= raw) {
      return step * 5;
    }
    return step * 2 <= raw ? step * 2 : step;
  }

  /** The x of true time {@code t} on an axis from {@code from} to {@code to}. */
  static double x(long t, long from, long to) {
    double share = (double) (Math.min(Math.max(t, from), to) - from) / Math.max(1, to - from);
    return LEFT + share * (WIDTH - LEFT - RIGHT);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String span(long start, long end) {
    return "(" + Numbers.readable(start) + " – " + Numbers.readable(end) + ")";
  }

  /** Lanes of the timeline the report names, for tests. */
  static List<String> lanes(RunReport r) {
    return r.story().lanes();
  }
}
