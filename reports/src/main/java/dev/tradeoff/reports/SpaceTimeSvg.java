package dev.tradeoff.reports;

import static dev.tradeoff.reports.HtmlPage.esc;
import static dev.tradeoff.reports.TimelineSvg.f1;

/**
 * The space-time (Lamport) diagram as inline SVG ({@code <svg id="spacetime">}): time runs left to
 * right over the diagram's window, one lane per node; each message is an arrow from its send to its
 * arrival ({@code class="msg"}), a dropped one ends in a red cross ({@code class="msg dropped"}), a
 * held or deferred one is dashed; each client operation is a bar on its client's lane from
 * invocation to completion ({@code class="op"}), a witness of a violation drawn red and thick
 * ({@code class="op witness"}). Every arrow and bar has a {@code <title>}: the message type and
 * times, or the operation, its status and the node that answered.
 *
 * <p>Contract: all text escaped with {@link HtmlPage#esc}; equal diagrams give byte-identical SVG.
 */
final class SpaceTimeSvg {
  private static final int LANE = 34;
  private static final int TOP = 16;

  private SpaceTimeSvg() {}

  /** The SVG of {@code d}. */
  static String render(Story.Diagram d) {
    int height = TOP + LANE * d.lanes().size() + 22;
    long from = d.fromNanos();
    long to = Math.max(d.fromNanos() + 1, d.toNanos());
    StringBuilder h = new StringBuilder();
    h.append(
            "<svg id=\"spacetime\" data-zoomable=\"\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(TimelineSvg.WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(TimelineSvg.WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0 0L10 5L0 10z\" fill=\"#57606a\"/></marker></defs>\n");
    for (int i = 0; i < d.lanes().size(); i++) {
      int y = y(i);
      h.append("<text class=\"lane\" x=\"4\" y=\"")
          .append(y + 4)
          .append("\">")
          .append(esc(d.lanes().get(i)))
          .append("</text><line x1=\"")
          .append(TimelineSvg.LEFT)
          .append("\" x2=\"")
          .append(TimelineSvg.WIDTH - TimelineSvg.RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#8c959f\"/>\n");
    }
    for (Story.ClientOp op : d.ops()) {
      op(h, d, op, from, to);
    }
    for (Story.Message m : d.messages()) {
      message(h, d, m, from, to);
    }
    TimelineSvg.axis(h, from, to, TOP + LANE * d.lanes().size() + 10);
    h.append("</svg>");
    return h.toString();
  }

  private static int y(int lane) {
    return TOP + lane * LANE + LANE / 2;
  }

  private static void op(StringBuilder h, Story.Diagram d, Story.ClientOp op, long from, long to) {
    int lane = d.lanes().indexOf(op.client());
    if (lane < 0) {
      return;
    }
    double x0 = TimelineSvg.x(op.invokeNanos(), from, to);
    double x1 =
        Math.max(x0 + 2, TimelineSvg.x(op.completeNanos() < 0 ? to : op.completeNanos(), from, to));
    h.append("<g class=\"op")
        .append(op.witness() ? " witness" : "")
        .append("\"><rect x=\"")
        .append(f1(x0))
        .append("\" y=\"")
        .append(y(lane) - 7)
        .append("\" width=\"")
        .append(f1(x1 - x0))
        .append("\" height=\"14\" rx=\"3\" fill=\"")
        .append(op.witness() ? "#ffebe9" : "#ddf4ff")
        .append("\" stroke=\"")
        .append(op.witness() ? "#cf222e" : "#54aeff")
        .append("\" stroke-width=\"")
        .append(op.witness() ? "2.5" : "1")
        .append("\"/>");
    if (x1 - x0 > op.what().length() * 5.5 + 4) {
      h.append("<text x=\"")
          .append(f1(x0 + 3))
          .append("\" y=\"")
          .append(y(lane) + 4)
          .append("\" font-size=\"9\">")
          .append(esc(op.what()))
          .append("</text>");
    }
    h.append("<title>").append(esc(Narrative.op(op))).append("</title></g>\n");
  }

  private static void message(
      StringBuilder h, Story.Diagram d, Story.Message m, long from, long to) {
    int a = d.lanes().indexOf(m.from());
    int b = d.lanes().indexOf(m.to());
    if (a < 0 || b < 0) {
      return;
    }
    double x0 = TimelineSvg.x(m.sentNanos() < 0 ? from : m.sentNanos(), from, to);
    double x1 = TimelineSvg.x(m.endNanos() < 0 ? to : m.endNanos(), from, to);
    double y0 = y(a);
    double y1 = y(b);
    boolean dropped = m.fate().startsWith("dropped");
    if (dropped) {
      // A drop at send has no flight: draw it a short way towards its receiver.
      if (x1 - x0 < 6) {
        x1 = x0 + 12;
      }
      y1 = y0 + (y1 - y0) * 0.5;
    }
    boolean dashed = m.fate().equals("held") || m.fate().equals("deferred") || m.endNanos() < 0;
    h.append("<g class=\"msg")
        .append(dropped ? " dropped" : "")
        .append("\"><line x1=\"")
        .append(f1(x0))
        .append("\" y1=\"")
        .append(f1(y0))
        .append("\" x2=\"")
        .append(f1(x1))
        .append("\" y2=\"")
        .append(f1(y1))
        .append("\" stroke=\"")
        .append(dropped ? "#cf222e" : "#57606a")
        .append("\" stroke-width=\"0.8\"")
        .append(dashed ? " stroke-dasharray=\"3 2\"" : "")
        .append(dropped ? "" : " marker-end=\"url(#arrow)\"")
        .append("/>");
    if (dropped) {
      h.append("<path d=\"M")
          .append(f1(x1 - 3))
          .append(' ')
          .append(f1(y1 - 3))
          .append("l6 6m0 -6l-6 6\" stroke=\"#cf222e\" stroke-width=\"1.5\"/>");
    }
    h.append("<title>").append(esc(Narrative.message(m))).append("</title></g>\n");
  }
}
