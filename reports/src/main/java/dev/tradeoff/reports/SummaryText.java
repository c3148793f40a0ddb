package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code summary.txt}, the text the console prints after a run: the verdict first, then the
 * scenario, seed, expectations, a latency table per operation kind, checks with their first
 * witness, fault windows and the replay command.
 *
 * <p>Contract: plain ASCII layout (labels, markers and rules; user text such as the scenario name
 * is copied as given, with line breaks indented), fixed-width columns, {@code \n} line ends, a
 * function of the report alone — equal reports give byte-identical text.
 */
public final class SummaryText {
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
          out.append("\n             observed: ").append(oneLine(e.observed(), 23));
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
          out.append("             first: ").append(oneLine(c.witnesses().get(0), 20)).append('\n');
        } else if (!c.detail().isEmpty()) {
          out.append("             ").append(oneLine(c.detail(), 13)).append('\n');
        }
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
    return out.toString();
  }

  /**
   * The verdict line after {@code VERDICT: }, e.g. {@code invalid - 1 of 3 expectations violated}.
   */
  public static String headline(RunReport r) {
    List<ExpectationResult> es = r.expectations();
    long violated = es.stream().filter(e -> e.outcome() == Verdict.INVALID).count();
    long unknown = es.stream().filter(e -> e.outcome() == Verdict.UNKNOWN).count();
    String counts;
    if (es.isEmpty()) {
      counts = "no expectations";
    } else if (violated > 0) {
      counts = violated + " of " + es.size() + " " + plural(es.size()) + " violated";
      if (unknown > 0) {
        counts += ", " + unknown + " undecided";
      }
    } else if (unknown > 0) {
      counts = unknown + " of " + es.size() + " " + plural(es.size()) + " undecided";
    } else {
      counts =
          (es.size() == 1 ? "the expectation" : "all " + es.size() + " expectations") + " held";
    }
    return ReportJson.word(r.verdict()) + " - " + counts;
  }

  private static String plural(int n) {
    return n == 1 ? "expectation" : "expectations";
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
