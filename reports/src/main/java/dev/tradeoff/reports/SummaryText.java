package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.check.Verdict;
import java.util.Locale;

/**
 * Writes {@code summary.txt}, the text the console prints after a run: the verdict first (what the
 * expectations came to, and what the checkers found in the system), then the scenario, seed,
 * expectations, a latency table per operation kind with what fail and info mean, checks with their
 * first witness (and staleness with its t-visibility table), fault windows and the replay command.
 * Times a person reads are in ms or s, never raw nanoseconds.
 *
 * <p>Contract: plain ASCII layout (labels, markers and rules; user text such as the scenario name
 * is copied as given, with line breaks indented), fixed-width columns, {@code \n} line ends, a
 * function of the report alone — equal reports give byte-identical text.
 */
public final class SummaryText {
  /** What the fail and info columns count, said once under the operations table. */
  static final String OUTCOMES_NOTE =
      "fail: definitely did not happen; info: outcome unknown (timed out, or still pending at the"
          + " end)";

  private SummaryText() {}

  /** The summary text, ending with one newline. */
  public static String render(RunReport r) {
    StringBuilder out = new StringBuilder();
    out.append("VERDICT: ").append(headline(r)).append('\n');
    out.append('\n');
    out.append("scenario  ").append(oneLine(r.scenarioName(), 10)).append('\n');
    if (!r.description().isEmpty()) {
      out.append("          ").append(oneLine(r.description(), 10)).append('\n');
    }
    if (!r.observe().isEmpty()) {
      out.append("observe   ").append(oneLine(r.observe(), 10)).append('\n');
    }
    out.append("seed      ").append(r.seed()).append('\n');
    out.append("duration  ").append(Numbers.seconds(r.durationNanos())).append(" simulated\n");
    out.append("trace     ").append(Numbers.hex16(r.traceHash())).append('\n');

    if (!r.expectations().isEmpty()) {
      out.append("\nexpectations\n");
      for (ExpectationResult e : r.expectations()) {
        String marker =
            switch (e.outcome()) {
              case VALID -> "[held]    ";
              case INVALID -> "[VIOLATED]";
              case UNKNOWN -> "[unknown] ";
            };
        out.append("  ").append(marker).append(' ').append(oneLine(e.text(), 13));
        if (!e.observed().isEmpty()) {
          out.append("\n             observed: ")
              .append(oneLine(Numbers.readableTimes(e.observed()), 23));
        }
        out.append('\n');
      }
    }

    if (!r.operations().isEmpty()) {
      out.append("\noperations (latency of OK completions, ms)\n");
      out.append(
          String.format(
              Locale.ROOT,
              "  %-14s %9s %9s %7s %7s %10s %9s %9s %9s %9s %9s\n",
              "kind",
              "count",
              "ok",
              "fail",
              "info",
              "ops/s",
              "p50",
              "p90",
              "p99",
              "p99.9",
              "max"));
      for (OperationStats op : r.operations()) {
        boolean any = op.hasLatency();
        out.append(
            String.format(
                Locale.ROOT,
                "  %-14s %9d %9d %7d %7d %10s %9s %9s %9s %9s %9s\n",
                oneLine(op.kind(), 16),
                op.count(),
                op.ok(),
                op.fail(),
                op.info(),
                Numbers.rateFixed(op.throughputPerSec()),
                any ? Numbers.msFixed(op.latencyAtPercentileNanos(50)) : "-",
                any ? Numbers.msFixed(op.latencyAtPercentileNanos(90)) : "-",
                any ? Numbers.msFixed(op.latencyAtPercentileNanos(99)) : "-",
                any ? Numbers.msFixed(op.latencyAtPercentileNanos(99.9)) : "-",
                any ? Numbers.msFixed(op.latencyNanos().getMaxValue()) : "-"));
      }
      out.append("  ").append(OUTCOMES_NOTE).append('\n');
    }

    if (!r.checks().isEmpty()) {
      out.append("\nchecks\n");
      for (CheckResult c : r.checks()) {
        out.append(
            String.format(Locale.ROOT, "  %-10s ", "[" + ReportJson.word(c.verdict()) + "]"));
        out.append(oneLine(c.checker(), 13));
        if (c.verdict() == Verdict.INVALID) {
          out.append(" - ")
              .append(c.violations())
              .append(c.violations() == 1 ? " violation" : " violations");
        }
        out.append('\n');
        if (!c.witnesses().isEmpty()) {
          out.append("             first: ")
              .append(oneLine(Numbers.readableTimes(c.witnesses().get(0)), 20))
              .append('\n');
        } else if (!c.detail().isEmpty()) {
          out.append("             ")
              .append(oneLine(Numbers.readableTimes(c.detail()), 13))
              .append('\n');
        }
        visibility(out, c);
      }
    }

    if (!r.faults().isEmpty()) {
      out.append("\nfaults\n");
      for (FaultSpan f : r.faults()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %11s - %-11s %s\n",
                Numbers.seconds(f.startNanos()),
                Numbers.seconds(f.endNanos()),
                oneLine(f.label(), 30)));
      }
    }

    out.append("\nreplay    ").append(oneLine(r.replayCommand(), 10)).append('\n');
    return BidiControls.shown(out.toString()); // names may hold bidi controls
  }

  /**
   * The verdict line after {@code VERDICT: }: the verdict word (which the exit code follows), what
   * it judges — the expectations — and, when the run had checks, what the checkers found in the
   * system, e.g. {@code valid - expectations held (2/2); the system: split brain, not linearizable,
   * 0 lost writes}. See {@link Findings}.
   */
  public static String headline(RunReport r) {
    String line = ReportJson.word(r.verdict()) + " - " + Findings.expectations(r.expectations());
    String system = Findings.system(r.checks());
    return system.isEmpty() ? line : line + "; " + system;
  }

  /**
   * A staleness check's t-visibility: per delay t, the share of reads begun at least t after a
   * write to their key was acknowledged that saw it (or something newer), and how many reads that
   * share is of.
   */
  private static void visibility(StringBuilder out, CheckResult c) {
    if (c.visibility().isEmpty()) {
      return;
    }
    out.append("             t-visibility: P(consistent read) by time since the write's ack\n");
    out.append(
        String.format(Locale.ROOT, "             %12s %14s %10s\n", "t", "P(consistent)", "reads"));
    for (StalenessReport.Visibility v : c.visibility()) {
      out.append(
          String.format(
              Locale.ROOT,
              "             %12s %14s %10d\n",
              Numbers.exactMs(v.delayNanos()) + " ms",
              Numbers.shareFixed(v),
              v.reads()));
    }
  }

  /** {@code text} with line breaks (and other controls) turned into an indented continuation. */
  private static String oneLine(String text, int indent) {
    StringBuilder out = new StringBuilder();
    String pad = " ".repeat(indent);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      }
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        out.append('\n').append(pad);
      } else if (c == '\t') {
        out.append(' ');
      } else if (c < 0x20 || c == 0x7f) {
        // A stray escape character must not reach the user's terminal.
        out.append('?');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
