package dev.tradeoff.reports;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a sweep's {@code summary.txt}: the verdict counts first, then the scenario, parameters,
 * seeds and overrides, a table of every point and operation kind (latency of every seed's OK
 * completions merged, the spread of per-seed p99, median throughput), violations per point and the
 * expectations that did not always hold.
 *
 * <p>Contract: fixed-width ASCII layout, {@code \n} line ends, a function of the report alone.
 */
public final class SweepSummary {
  private SweepSummary() {}

  /** The summary text, ending with one newline. */
  public static String render(SweepReport r) {
    List<SweepPoint> points = SweepPoint.of(r);
    int valid = 0;
    int invalid = 0;
    int unknown = 0;
    for (SweepPoint p : points) {
      valid += p.valid();
      invalid += p.invalid();
      unknown += p.unknown();
    }
    StringBuilder out = new StringBuilder();
    out.append("SWEEP: ").append(headline(r.items().size(), valid, invalid, unknown)).append('\n');
    out.append('\n');
    out.append("scenario  ").append(oneLine(r.scenarioName())).append('\n');
    for (SweepParam p : r.params()) {
      out.append("param     ")
          .append(oneLine(p.path()))
          .append(" = ")
          .append(oneLine(String.join(" | ", p.values())))
          .append('\n');
    }
    out.append("seeds     ").append(seeds(r.seeds())).append('\n');
    for (String s : r.sets()) {
      out.append("set       ").append(oneLine(s)).append('\n');
    }
    out.append("runs      ")
        .append(r.pointCount())
        .append(r.pointCount() == 1 ? " point" : " points")
        .append(" x ")
        .append(r.seeds().size())
        .append(r.seeds().size() == 1 ? " seed" : " seeds")
        .append(" = ")
        .append(r.runCount())
        .append('\n');
    if (r.shard() != null) {
      out.append("shard     ")
          .append(r.shard())
          .append(": ")
          .append(r.items().size())
          .append(" of ")
          .append(r.runCount())
          .append(" runs; merge every shard for the sweep's results\n");
    }

    out.append(
        "\npoints (latency of OK completions over all seeds, ms; p99 min/med/max over seeds)\n");
    out.append(
        String.format(
            Locale.ROOT,
            "  %5s %-10s %5s %5s %7s %7s %10s %9s %9s %9s %9s %9s %9s\n",
            "point",
            "kind",
            "runs",
            "valid",
            "invalid",
            "unknown",
            "ops/s med",
            "p50",
            "p99",
            "p99.9",
            "p99 min",
            "p99 med",
            "p99 max"));
    for (SweepPoint p : points) {
      out.append("  ").append(String.format(Locale.ROOT, "%5d", p.index()));
      out.append(" ").append(oneLine(p.label(r.params()))).append('\n');
      for (SweepPoint.Kind k : p.operations()) {
        boolean any = k.latencyNanos().getTotalCount() > 0;
        out.append(
            String.format(
                Locale.ROOT,
                "  %5s %-10s %5d %5d %7d %7d %10s %9s %9s %9s %9s %9s %9s\n",
                "",
                oneLine(k.kind()),
                p.runs(),
                p.valid(),
                p.invalid(),
                p.unknown(),
                Numbers.rateFixed(k.throughputPerSec()[1]),
                any ? Numbers.msFixed(k.latencyNanos().getValueAtPercentile(50)) : "-",
                any ? Numbers.msFixed(k.latencyNanos().getValueAtPercentile(99)) : "-",
                any ? Numbers.msFixed(k.latencyNanos().getValueAtPercentile(99.9)) : "-",
                Numbers.msFixed(k.p99Nanos()[0]),
                Numbers.msFixed(k.p99Nanos()[1]),
                Numbers.msFixed(k.p99Nanos()[2])));
      }
    }

    out.append("\ndecision (per point, every seed's runs added up)\n")
        .append(SweepDecision.of(r, points).text());

    StringBuilder trouble = new StringBuilder();
    for (SweepPoint p : points) {
      for (Map.Entry<String, Long> v : p.violations().entrySet()) {
        if (v.getValue() > 0) {
          trouble.append(
              String.format(
                  Locale.ROOT,
                  "  point %d: %s: %d violations\n",
                  p.index(),
                  oneLine(v.getKey()),
                  v.getValue()));
        }
      }
      for (Map.Entry<String, int[]> x : p.expectations().entrySet()) {
        int[] n = x.getValue();
        if (n[1] + n[2] > 0) {
          trouble.append(
              String.format(
                  Locale.ROOT,
                  "  point %d: %s: violated in %d, unknown in %d of %d runs\n",
                  p.index(),
                  oneLine(x.getKey()),
                  n[1],
                  n[2],
                  p.runs()));
        }
      }
    }
    if (trouble.length() > 0) {
      out.append("\nproblems\n").append(trouble);
    }
    return BidiControls.shown(out.toString()); // names may hold bidi controls
  }

  /** E.g. {@code invalid - 2 of 12 runs invalid, 0 unknown, 10 valid}. */
  static String headline(int runs, int valid, int invalid, int unknown) {
    String word = invalid > 0 ? "invalid" : unknown > 0 ? "unknown" : "valid";
    return String.format(
        Locale.ROOT,
        "%s - %d runs: %d valid, %d invalid, %d unknown",
        word,
        runs,
        valid,
        invalid,
        unknown);
  }

  private static String seeds(List<Long> seeds) {
    // A run of consecutive seeds reads better as a range, as --seeds takes it.
    boolean consecutive = seeds.size() > 2;
    for (int i = 1; i < seeds.size() && consecutive; i++) {
      consecutive = seeds.get(i) == seeds.get(i - 1) + 1;
    }
    if (consecutive) {
      return seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
    }
    StringBuilder sb = new StringBuilder();
    for (long s : seeds) {
      sb.append(sb.length() == 0 ? "" : ",").append(s);
    }
    return sb.toString();
  }

  /** User text on one line: line breaks and control characters become spaces. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return out.toString();
  }
}
