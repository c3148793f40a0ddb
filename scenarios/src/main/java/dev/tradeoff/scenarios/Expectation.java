package dev.tradeoff.scenarios;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One expectation of a scenario, such as {@code p99(read) < 50ms} or {@code
 * violations(read-your-writes) == 0}: a measure of the run, a comparison and a bound.
 *
 * <p>Measures: {@code p50 p90 p99 p999 max mean} of an operation kind's OK latency (bound: a
 * duration); {@code count ok fail info errors} of a kind (bound: an integer; errors = fail + info);
 * {@code throughput} of a kind (bound: a rate such as {@code 100/s}); {@code violations} of a
 * checker the scenario runs (bound: an integer). Comparisons: {@code < <= > >= == !=}.
 *
 * @param text the expectation as written
 * @param measure the measure's name, e.g. {@code p99}
 * @param argument the kind or checker it applies to
 * @param comparison the comparison operator
 * @param bound the bound in the measure's unit: nanoseconds, a count, or per second
 */
public record Expectation(
    String text, String measure, String argument, String comparison, double bound) {
  /** Latency measures, bounded by durations. */
  public static final List<String> LATENCY = List.of("p50", "p90", "p99", "p999", "max", "mean");

  /** Count measures of an operation kind. */
  public static final List<String> COUNTS = List.of("count", "ok", "fail", "info", "errors");

  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([a-z0-9]+)\\(\\s*([a-z0-9-]+)\\s*\\)\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");

  /** Parses {@code text}; an {@link IllegalArgumentException} says what is wrong in one line. */
  public static Expectation parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected MEASURE(ARGUMENT) OP BOUND such as \"p99(read) < 50ms\", got \"" + text + "\"");
    }
    String measure = m.group(1);
    String bound = m.group(4);
    double value;
    if (LATENCY.contains(measure)) {
      value = Durations.parseNanos(bound);
    } else if (COUNTS.contains(measure) || measure.equals("violations")) {
      try {
        value = Long.parseLong(bound);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            measure + " needs an integer bound, got \"" + bound + "\" in \"" + text + "\"");
      }
    } else if (measure.equals("throughput")) {
      value = Units.parsePerSecond(bound);
    } else {
      throw new IllegalArgumentException(
          "unknown measure \""
              + measure
              + "\" in \""
              + text
              + "\"; expected one of p50, p90, p99, p999, max, mean, count, ok, fail, info,"
              + " errors, throughput, violations");
    }
    return new Expectation(text.trim(), measure, m.group(2), m.group(3), value);
  }

  /** Whether the measure is about a checker (else about an operation kind). */
  public boolean aboutChecker() {
    return measure.equals("violations");
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
    if (LATENCY.contains(measure)) {
      shown = String.format(Locale.ROOT, "%.3fms", observed / 1e6);
    } else if (measure.equals("throughput")) {
      shown = String.format(Locale.ROOT, "%.1f/s", observed);
    } else {
      shown = Long.toString((long) observed);
    }
    return measure + "(" + argument + ") = " + shown;
  }
}
