package dev.tradeoff.scenarios;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.TimeSeries;
import java.util.List;
import java.util.Locale;

/**
 * Judges an expectation about a series ({@code max(lag/db-2 during 10s..15s) > 100ms}): the series'
 * intervals ending inside the window, intervals without data skipped. Unknown, with the reason,
 * when no series has that name, no interval has data, or a duration bound meets a series not
 * measured in time.
 */
final class SeriesMeasure {
  private SeriesMeasure() {}

  /** The outcome of {@code e} on the run's {@code series}. */
  static ExpectationResult judge(Expectation e, List<TimeSeries> series) {
    TimeSeries s = find(e.argument(), series);
    if (s == null) {
      return unknown(e, "no series " + e.argument() + "; this run has " + names(series));
    }
    String bound = e.text().substring(e.text().lastIndexOf(' ') + 1);
    if (bound.endsWith("/s") && !s.unit().endsWith("/s")) {
      return unknown(
          e, "the bound is a rate per second but " + e.argument() + " is in " + s.unit());
    }
    double scale = 1;
    if (e.boundIsDuration()) {
      scale = nanosPerUnit(s.unit());
      if (scale == 0) {
        return unknown(e, "the bound is a duration but " + e.argument() + " is in " + s.unit());
      }
    }
    double observed = aggregate(e, s);
    if (Double.isNaN(observed)) {
      return unknown(e, e.argument() + " has no data in the window");
    }
    observed *= scale;
    String shown =
        e.boundIsDuration()
            ? String.format(Locale.ROOT, "%.3f ms", observed / 1e6)
            : String.format(Locale.ROOT, "%.4g %s", observed, s.unit());
    String measured = e.text().substring(0, e.text().indexOf(')') + 1) + " = " + shown;
    return new ExpectationResult(
        e.text(), e.holds(observed) ? Verdict.VALID : Verdict.INVALID, measured);
  }

  private static ExpectationResult unknown(Expectation e, String why) {
    return new ExpectationResult(e.text(), Verdict.UNKNOWN, why);
  }

  private static TimeSeries find(String name, List<TimeSeries> series) {
    for (TimeSeries s : series) {
      if ((s.group() + "/" + s.name()).equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static String names(List<TimeSeries> series) {
    StringBuilder sb = new StringBuilder();
    for (TimeSeries s : series) {
      if (!s.group().equals("latency") && !s.group().equals("throughput")) {
        sb.append(sb.length() == 0 ? "" : ", ").append(s.group()).append('/').append(s.name());
      }
    }
    return sb.length() == 0 ? "no series" : sb.toString();
  }

  private static double nanosPerUnit(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      default -> 0;
    };
  }

  /** The measure over the window's intervals that have data; NaN when none has. */
  private static double aggregate(Expectation e, TimeSeries s) {
    long[] times = s.timesNanos();
    double[] values = s.values();
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double sum = 0;
    double last = Double.NaN;
    int n = 0;
    for (int i = 0; i < times.length; i++) {
      if (times[i] <= e.fromNanos() || times[i] > e.untilNanos() || Double.isNaN(values[i])) {
        continue;
      }
      max = Math.max(max, values[i]);
      min = Math.min(min, values[i]);
      sum += values[i];
      last = values[i];
      n++;
    }
    if (n == 0) {
      return Double.NaN;
    }
    return switch (e.measure()) {
      case "max" -> max;
      case "min" -> min;
      case "mean" -> sum / n;
      default -> last;
    };
  }
}
