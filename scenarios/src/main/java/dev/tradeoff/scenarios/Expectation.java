package dev.tradeoff.scenarios;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One expectation of a scenario, such as {@code p99(read) < 50ms}, {@code
 * violations(read-your-writes) == 0} or {@code mean(lag/db-2 during 10s..15s) > 100ms}: a measure
 * of the run, a comparison and a bound.
 *
 * <p>Measures of an operation kind ({@code read}, {@code write}, {@code query}): {@code p50 p90 p99
 * p999 max mean} of its OK latency (bound: a duration); {@code count ok fail info errors} (bound:
 * an integer; errors = fail + info); {@code throughput} (bound: a rate such as {@code 100/s});
 * {@code availability}, the share of its operations that completed OK (bound: a percentage such as
 * {@code 99.5%} or a share such as {@code 0.995}). Of a checker the scenario runs: {@code
 * violations} (bound: an integer). Of a series, named {@code group/name} as the report lists it
 * ({@code lag/db-2}, {@code cache/hit-ratio}, {@code throughput/write errors}): {@code max min mean
 * last} over its intervals, optionally only those ending in {@code during A..B} (after A, at or
 * before B); the bound is a plain number in the series' unit, a percentage ({@code 90%} is 0.9), a
 * rate, or a duration when the series is in {@code ms} or {@code s}. Comparisons: {@code < <= > >=
 * == !=}.
 *
 * @param text the expectation as written
 * @param measure the measure's name, e.g. {@code p99}
 * @param argument the kind, checker or series it applies to
 * @param comparison the comparison operator
 * @param bound the bound: nanoseconds for a duration, a count, per second, or a plain number
 * @param boundIsDuration whether the bound was written as a duration (then it is in nanoseconds)
 * @param fromNanos for a series, the window's start (exclusive); {@code Long.MIN_VALUE} if none
 * @param untilNanos for a series, the window's end (inclusive); {@code Long.MAX_VALUE} if none
 */
public record Expectation(
    String text,
    String measure,
    String argument,
    String comparison,
    double bound,
    boolean boundIsDuration,
    long fromNanos,
    long untilNanos) {
  /** Latency measures, bounded by durations. */
  public static final List<String> LATENCY = List.of("p50", "p90", "p99", "p999", "max", "mean");

  /** Count measures of an operation kind. */
  public static final List<String> COUNTS = List.of("count", "ok", "fail", "info", "errors");

  /** The share of an operation kind's operations that completed OK, bounded by a share. */
  public static final String AVAILABILITY = "availability";

  /** Measures of a series over its intervals. */
  public static final List<String> SERIES = List.of("max", "min", "mean", "last");

  /** Operation kinds an expectation can name. */
  public static final List<String> KINDS = List.of("read", "write", "query");

  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([a-z0-9]+)\\(\\s*([A-Za-z0-9_.:/-]+(?:\\s+(?!during\\s)[A-Za-z0-9_.:/-]+)*)"
              + "(?:\\s+during\\s+(\\S+)\\.\\.(\\S+))?\\s*\\)"
              + "\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");

  /** Parses {@code text}; an {@link IllegalArgumentException} says what is wrong in one line. */
  public static Expectation parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected MEASURE(ARGUMENT) OP BOUND such as \"p99(read) < 50ms\" or"
              + " \"max(lag/db-2 during 5s..8s) > 100ms\", got \""
              + text
              + "\"");
    }
    String measure = m.group(1);
    String argument = m.group(2);
    String bound = m.group(6);
    if (argument.contains("/")) {
      return series(text, m, measure, argument, bound);
    }
    if (m.group(3) != null) {
      throw new IllegalArgumentException(
          "\"during\" applies to a series (group/name), not to \""
              + argument
              + "\" in \""
              + text
              + "\"");
    }
    double value;
    if (LATENCY.contains(measure)) {
      value = Durations.parseNanos(bound);
    } else if (COUNTS.contains(measure) || measure.equals("violations")) {
      value = integer(measure, bound, text);
    } else if (measure.equals("throughput")) {
      value = Units.parsePerSecond(bound);
    } else if (measure.equals(AVAILABILITY)) {
      value = share(bound, text);
    } else {
      throw new IllegalArgumentException(
          "unknown measure \""
              + measure
              + "\" in \""
              + text
              + "\"; expected one of p50, p90, p99, p999, max, mean, count, ok, fail, info,"
              + " errors, throughput, availability, violations, or max, min, mean, last of a"
              + " series");
    }
    return new Expectation(
        text.trim(),
        measure,
        argument,
        m.group(5),
        value,
        LATENCY.contains(measure),
        Long.MIN_VALUE,
        Long.MAX_VALUE);
  }

  private static Expectation series(
      String text, Matcher m, String measure, String argument, String bound) {
    if (!SERIES.contains(measure)) {
      throw new IllegalArgumentException(
          "a series takes max, min, mean or last, not \"" + measure + "\", in \"" + text + "\"");
    }
    long from = Long.MIN_VALUE;
    long until = Long.MAX_VALUE;
    if (m.group(3) != null) {
      from = Durations.parseNanos(m.group(3));
      until = Durations.parseNanos(m.group(4));
      if (from < 0 || until <= from) {
        throw new IllegalArgumentException(
            "during A..B needs 0 <= A < B, got "
                + m.group(3)
                + ".."
                + m.group(4)
                + " in \""
                + text
                + "\"");
      }
    }
    boolean duration = false;
    double value;
    if (bound.endsWith("%")) {
      value = number(bound.substring(0, bound.length() - 1), text) / 100;
    } else if (bound.endsWith("/s")) {
      value = Units.parsePerSecond(bound);
    } else if (Character.isLetter(bound.charAt(bound.length() - 1))) {
      value = Durations.parseNanos(bound);
      duration = true;
    } else {
      value = number(bound, text);
    }
    return new Expectation(
        text.trim(), measure, argument, m.group(5), value, duration, from, until);
  }

  private static double share(String bound, String text) {
    double value =
        bound.endsWith("%")
            ? number(bound.substring(0, bound.length() - 1), text) / 100
            : number(bound, text);
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(
          "availability is a share from 0% to 100% (or 0 to 1), got \""
              + bound
              + "\" in \""
              + text
              + "\"");
    }
    return value;
  }

  private static long integer(String measure, String bound, String text) {
    try {
      return Long.parseLong(bound);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          measure + " needs an integer bound, got \"" + bound + "\" in \"" + text + "\"");
    }
  }

  private static double number(String bound, String text) {
    try {
      double v = Double.parseDouble(bound);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a number, a percentage, a rate or a duration, got \""
              + bound
              + "\" in \""
              + text
              + "\"");
    }
  }

  /** Whether the measure is about a checker. */
  public boolean aboutChecker() {
    return measure.equals("violations");
  }

  /** Whether the measure is about a series (its argument names one, {@code group/name}). */
  public boolean aboutSeries() {
    return argument.contains("/");
  }

  /** Whether {@code observed} satisfies the comparison against the bound. */
  public boolean holds(double observed) {
    return switch (comparison) {
      case "<" -> observed < bound;
      case "<=" -> observed <= bound;
      case ">" -> observed > bound;
      case ">=" -> observed >= bound;
      case "==" -> observed == bound;
      default -> observed != bound;
    };
  }

  /** {@code observed} in the measure's unit, e.g. {@code p99(read) = 12.345ms}. */
  public String describe(double observed) {
    String shown;
    if (boundIsDuration) {
      shown = String.format(Locale.ROOT, "%.3fms", observed / 1e6);
    } else if (measure.equals("throughput")) {
      shown = String.format(Locale.ROOT, "%.1f/s", observed);
    } else if (measure.equals(AVAILABILITY)) {
      shown = String.format(Locale.ROOT, "%.2f%%", observed * 100);
    } else {
      shown = Long.toString((long) observed);
    }
    return text.substring(0, text.indexOf(')') + 1).trim() + " = " + shown;
  }
}
