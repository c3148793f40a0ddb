package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's story in plain words, drawn from its report alone: what each node was over time, and each
 * violation told as who did what, which node answered, what that node was at that moment, what the
 * others were and which faults were in force. The diagram's caption and {@code tradeoff explain}
 * both come from here, so the page and the command say the same thing.
 *
 * <p>Contract: a function of the {@link RunReport} (as {@code report.json} records it); times in ms
 * or s; ASCII apart from the arrows and dashes the witnesses already use.
 */
public final class Narrative {
  /** How far after a violation a story looks for what changed next. */
  static final long NEXT_NANOS = 1_000_000_000L;

  private Narrative() {}

  /** One violation: a check's witness, numbered from 1 across the report's checks. */
  public record Violation(int number, String check, int index, String text) {}

  /** Every witness of every check, numbered from 1 in report order. */
  public static List<Violation> violations(RunReport r) {
    List<Violation> out = new ArrayList<>();
    for (CheckResult c : r.checks()) {
      for (int i = 0; i < c.witnesses().size(); i++) {
        out.add(
            new Violation(
                out.size() + 1, c.checker(), i, Numbers.readableTimes(c.witnesses().get(i))));
      }
    }
    return out;
  }

  /**
   * The whole story as {@code tradeoff explain} prints it: the verdict line, the role timeline, the
   * faults, the violations one line each, then violation {@code k} (1-based) told in full.
   *
   * @throws IllegalArgumentException if {@code k} is not a violation's number (and there are any)
   */
  public static String explain(RunReport r, int k) {
    List<Violation> all = violations(r);
    if (!all.isEmpty() && (k < 1 || k > all.size())) {
      throw new IllegalArgumentException("--violation: expected 1.." + all.size() + ", got " + k);
    }
    StringBuilder t = new StringBuilder();
    t.append(r.scenarioName()).append(", seed ").append(r.seed()).append('\n');
    t.append("VERDICT: ").append(SummaryText.headline(r)).append("\n\n");
    t.append("what each node was\n");
    boolean any = false;
    for (String lane : r.story().lanes()) {
      List<String> states = new ArrayList<>();
      for (Story.Role role : r.story().roles()) {
        if (role.lane().equals(lane)) {
          // A mark (a flush, an invalidation) lasts a nanosecond: it happened at an instant.
          states.add(
              role.endNanos() - role.startNanos() <= 1
                  ? role.state() + " at " + Numbers.readable(role.startNanos())
                  : role.state() + " " + TimelineSvg.span(role.startNanos(), role.endNanos()));
        }
      }
      if (!states.isEmpty()) {
        t.append("  ").append(lane).append(": ").append(String.join("; ", states)).append('\n');
        any = true;
      }
    }
    if (!any) {
      t.append("  (no node published a role, crash, pause or cut link)\n");
    }
    t.append("\nfaults\n");
    if (r.faults().isEmpty()) {
      t.append("  none\n");
    }
    for (FaultSpan f : r.faults()) {
      t.append("  ")
          .append(TimelineSvg.span(f.startNanos(), f.endNanos()))
          .append(' ')
          .append(f.label())
          .append('\n');
    }
    t.append("\nviolations\n");
    if (all.isEmpty()) {
      t.append("  none: no checker found a violation\n");
      return t.toString();
    }
    for (Violation v : all) {
      Story.Witness w = placed(r, v);
      t.append("  ")
          .append(v.number())
          .append(". ")
          .append(v.check())
          .append(w == null ? "" : " at " + Numbers.readable(w.atNanos()))
          .append('\n');
    }
    Violation v = all.get(k - 1);
    t.append("\nviolation ").append(k).append(" (").append(v.check()).append(")\n");
    t.append(wrap(v.text(), "  ")).append('\n');
    Story.Witness w = placed(r, v);
    if (w != null) {
      t.append('\n').append(wrap(story(r, w), "  ")).append('\n');
    }
    return t.toString();
  }

  /** The story of witness {@code w}: who did what, who answered, what every node was then. */
  static String story(RunReport r, Story.Witness w) {
    StringBuilder s = new StringBuilder();
    long at = w.atNanos();
    if (!w.what().isEmpty()) {
      s.append(w.client()).append(' ').append(w.what());
      s.append(
          w.endNanos() >= 0
              ? " [" + Numbers.readable(at) + " – " + Numbers.readable(w.endNanos()) + "]"
              : " from " + Numbers.readable(at));
      if (!w.node().isEmpty()) {
        s.append(", answered by ").append(w.node());
        String states = statesAt(r.story(), w.node(), at);
        s.append(states.isEmpty() ? "" : ", which was then " + states);
      }
      s.append(". ");
      if (!w.applied().isEmpty()) {
        s.append(w.applied()).append(". ");
      }
      List<String> related = new ArrayList<>();
      for (Story.ClientOp op : w.related()) {
        related.add(span(op) + answeredBy(op));
      }
      if (!related.isEmpty()) {
        s.append("Judged against: ").append(String.join("; ", related)).append(". ");
      }
    } else {
      s.append("At ").append(Numbers.readable(at));
      s.append(w.nodes().isEmpty() ? "" : " (named: " + String.join(", ", w.nodes()) + ")");
      s.append(". ");
    }
    List<String> others = new ArrayList<>();
    for (String lane : r.story().lanes()) {
      if (lane.equals(w.node())) {
        continue;
      }
      String states = statesAt(r.story(), lane, at);
      if (!states.isEmpty()) {
        others.add(lane + " " + states);
      }
    }
    if (!others.isEmpty()) {
      s.append(w.node().isEmpty() ? "Then: " : "Meanwhile: ")
          .append(String.join("; ", others))
          .append(". ");
    }
    List<String> next = new ArrayList<>();
    for (Story.Role role : r.story().roles()) {
      if (role.startNanos() > at && role.startNanos() <= at + NEXT_NANOS && next.size() < 6) {
        next.add(role.lane() + " " + role.state() + " at " + Numbers.readable(role.startNanos()));
      }
    }
    if (!next.isEmpty()) {
      s.append("In the next second: ").append(String.join("; ", next)).append(". ");
    }
    List<String> faults = new ArrayList<>();
    for (FaultSpan f : r.faults()) {
      if (f.startNanos() <= at && (at < f.endNanos() || f.startNanos() == f.endNanos())) {
        faults.add(f.label() + " " + TimelineSvg.span(f.startNanos(), f.endNanos()));
      }
    }
    s.append(
        faults.isEmpty()
            ? "No fault was in force."
            : "Faults in force: " + String.join("; ", faults) + ".");
    return s.toString();
  }

  /** What {@code lane} was at {@code t}: its states, each with when it began, or empty. */
  static String statesAt(Story story, String lane, long t) {
    List<String> states = new ArrayList<>();
    for (Story.Role role : story.roles()) {
      if (role.lane().equals(lane) && role.startNanos() <= t && t < role.endNanos()) {
        states.add(role.state() + " since " + Numbers.readable(role.startNanos()));
      }
    }
    return String.join(", ", states);
  }

  /**
   * The violation a diagram is drawn around: the first (in report order) whose witness names an
   * operation, so that the diagram shows who did what; else the first placed at all; null when no
   * witness was placed.
   */
  public static Violation focus(RunReport r) {
    Violation any = null;
    for (Violation v : violations(r)) {
      Story.Witness w = placed(r, v);
      if (w != null && !w.what().isEmpty()) {
        return v;
      }
      if (w != null && any == null) {
        any = v;
      }
    }
    return any;
  }

  /** The diagram's caption: the focus violation's story, or empty. */
  static String caption(RunReport r) {
    Violation v = focus(r);
    if (v == null) {
      return "";
    }
    return "Violation "
        + v.number()
        + " ("
        + v.check()
        + "): "
        + story(r, placed(r, v))
        + " Red bars are the witnessing operations; red crosses are dropped messages;"
        + " dashed arrows were held, deferred or still in flight."
        + (r.story().diagram() == null || r.story().diagram().cut().isEmpty()
            ? ""
            : " Not drawn: " + r.story().diagram().cut() + ".");
  }

  /** The placed witness of {@code v}, or null. */
  public static Story.Witness placed(RunReport r, Violation v) {
    for (Story.Witness w : r.story().witnesses()) {
      if (w.check().equals(v.check()) && w.index() == v.index()) {
        return w;
      }
    }
    return null;
  }

  /** A client operation in words, for a diagram's tooltip. */
  static String op(Story.ClientOp op) {
    return span(op) + " " + op.status() + answeredBy(op) + (op.witness() ? " (witness)" : "");
  }

  /** Who did what when, e.g. {@code client-3 read k1 [1.200 s – 1.204 s]}. */
  private static String span(Story.ClientOp op) {
    String end = op.completeNanos() < 0 ? "pending" : Numbers.readable(op.completeNanos());
    return op.client()
        + " "
        + op.what()
        + " ["
        + Numbers.readable(op.invokeNanos())
        + " – "
        + end
        + "]";
  }

  private static String answeredBy(Story.ClientOp op) {
    return op.node().isEmpty() ? "" : ", answered by " + op.node();
  }

  /** A message in words, for a diagram's tooltip. */
  static String message(Story.Message m) {
    return m.type()
        + " "
        + m.from()
        + " → "
        + m.to()
        + (m.sentNanos() < 0 ? "" : ", sent " + Numbers.readable(m.sentNanos()))
        + (m.endNanos() < 0
            ? ", still in flight"
            : ", " + m.fate() + " " + Numbers.readable(m.endNanos()));
  }

  private static String wrap(String text, String indent) {
    StringBuilder out = new StringBuilder(indent);
    int column = indent.length();
    for (String word : text.split(" ")) {
      if (column + word.length() > 100 && column > indent.length()) {
        out.append('\n').append(indent);
        column = indent.length();
      } else if (column > indent.length()) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
    }
    return out.toString();
  }
}
