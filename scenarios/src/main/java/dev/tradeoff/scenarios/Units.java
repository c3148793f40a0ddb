package dev.tradeoff.scenarios;

import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rates and distributions as people write them in scenario files; durations are {@link Durations}.
 *
 * <p>A rate is a number, an optional {@code k} (thousand) or {@code M} (million), a slash and a
 * unit of time: {@code "900/s"}, {@code "5k/s"}, {@code "2/ms"}, {@code "30/m"}.
 *
 * <p>A distribution of durations is one of {@code "2ms"} (always 2 ms), {@code "const(2ms)"},
 * {@code "exp(1ms)"} (exponential with mean 1 ms), {@code "uniform(1ms, 3ms)"}, {@code
 * "lognormal(1ms, 0.5)"} (median 1 ms, sigma 0.5 of the underlying normal), {@code "pareto(1ms,
 * 1.5)"} (minimum 1 ms, tail index 1.5) and {@code "shifted(0.1ms, exp(0.4ms))"} (a constant plus a
 * draw). Every parse error is an {@link IllegalArgumentException} whose message quotes the input
 * and says what was expected.
 */
public final class Units {
  private static final Pattern RATE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(k|M)?/(ns|us|ms|s|m|h)");
  private static final Pattern CALL = Pattern.compile("([a-z]+)\\((.*)\\)");

  private Units() {}

  /** Parses a rate into events per second; it must be positive and finite. */
  public static double parsePerSecond(String text) {
    Matcher m = RATE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a rate such as 900/s, 5k/s or 2/ms, got \"" + text + "\"");
    }
    double count = Double.parseDouble(m.group(1));
    if (m.group(2) != null) {
      count *= m.group(2).equals("k") ? 1e3 : 1e6;
    }
    double perSecond = count * 1e9 / Durations.parseNanos("1" + m.group(3));
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be > 0, got \"" + text + "\"");
    }
    return perSecond;
  }

  /** Formats a rate per second so that {@link #parsePerSecond} reads it back. */
  public static String formatPerSecond(double perSecond) {
    return String.format(Locale.ROOT, "%s/s", stripZeros(perSecond));
  }

  private static String stripZeros(double value) {
    String text = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return text;
  }

  /** Parses a distribution of durations, in nanoseconds. */
  public static Distribution parseDistributionNanos(String text) {
    String trimmed = text.trim();
    Matcher call = CALL.matcher(trimmed);
    if (!call.matches()) {
      return Distribution.constant(positiveNanos(trimmed, text));
    }
    String name = call.group(1);
    List<String> args = arguments(call.group(2), text);
    return switch (name) {
      case "const" -> {
        arity(args, 1, name, text);
        yield Distribution.constant(positiveNanos(args.get(0), text));
      }
      case "exp" -> {
        arity(args, 1, name, text);
        yield Distribution.exponential(positiveNanos(args.get(0), text));
      }
      case "uniform" -> {
        arity(args, 2, name, text);
        long low = nanos(args.get(0), text);
        long high = positiveNanos(args.get(1), text);
        if (low >= high) {
          throw new IllegalArgumentException("uniform needs low < high, got \"" + text + "\"");
        }
        yield Distribution.uniform(low, high);
      }
      case "lognormal" -> {
        arity(args, 2, name, text);
        yield Distribution.logNormal(
            Math.log(positiveNanos(args.get(0), text)), positive(args.get(1), text));
      }
      case "pareto" -> {
        arity(args, 2, name, text);
        yield Distribution.pareto(positiveNanos(args.get(0), text), positive(args.get(1), text));
      }
      case "shifted" -> {
        arity(args, 2, name, text);
        yield Distribution.shifted(nanos(args.get(0), text), parseDistributionNanos(args.get(1)));
      }
      default ->
          throw new IllegalArgumentException(
              "unknown distribution \""
                  + name
                  + "\" in \""
                  + text
                  + "\"; expected const, exp, uniform, lognormal, pareto or shifted");
    };
  }

  /**
   * Parses per-node values written {@code "db-2=exp(2ms), db-1=200ms"}: entries separated by commas
   * outside parentheses, each a node name, {@code =} and a value that {@code element} parses. Blank
   * is none.
   *
   * @return the values by node name, in the order written
   * @throws IllegalArgumentException with a one-line message naming the bad entry
   */
  public static <T> Map<String, T> parsePerNode(String text, Function<String, T> element) {
    Map<String, T> values = new LinkedHashMap<>();
    if (text.isBlank()) {
      return values;
    }
    for (String entry : arguments(text, text)) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).trim();
      if (name.isEmpty() || name.contains(" ")) {
        throw new IllegalArgumentException(
            "expected <node>=<value>[, …] such as \"db-2=200ms\", got \"" + entry + "\"");
      }
      T value;
      try {
        value = element.apply(entry.substring(eq + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("\"" + name + "\" is named twice");
      }
    }
    return values;
  }

  /** Splits a call's arguments at top-level commas. */
  private static List<String> arguments(String inside, String text) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inside.length(); i++) {
      char c = inside.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(inside.substring(start, i).trim());
        start = i + 1;
      }
      if (depth < 0) {
        throw new IllegalArgumentException("unbalanced parentheses in \"" + text + "\"");
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced parentheses in \"" + text + "\"");
    }
    args.add(inside.substring(start).trim());
    return args;
  }

  private static void arity(List<String> args, int n, String name, String text) {
    if (args.size() != n) {
      throw new IllegalArgumentException(
          name + " takes " + n + (n == 1 ? " argument" : " arguments") + ", got \"" + text + "\"");
    }
  }

  private static long nanos(String arg, String text) {
    try {
      return Durations.parseNanos(arg);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " in \"" + text + "\"");
    }
  }

  private static long positiveNanos(String arg, String text) {
    long nanos = nanos(arg, text);
    if (nanos <= 0) {
      throw new IllegalArgumentException("must be > 0, got \"" + text + "\"");
    }
    return nanos;
  }

  private static double positive(String arg, String text) {
    double value;
    try {
      value = Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a number, got \"" + arg + "\" in \"" + text + "\"");
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("must be > 0, got \"" + arg + "\" in \"" + text + "\"");
    }
    return value;
  }
}
