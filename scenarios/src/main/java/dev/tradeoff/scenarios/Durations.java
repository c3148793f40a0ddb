package dev.tradeoff.scenarios;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code "250ms"}, {@code "2s"}, {@code "1.5m"}, {@code "1h"}. */
public final class Durations {
  private static final Pattern FORMAT =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text} into nanoseconds. Throws {@link IllegalArgumentException} with a message
   * that quotes the input for anything else, including negative and absurdly long durations.
   */
  public static long parseNanos(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration such as 250ms, 2s, 1.5m or 1h, got \"" + text + "\"");
    }
    double nanos = Double.parseDouble(m.group(1)) * unitNanos(m.group(2).toLowerCase(Locale.ROOT));
    if (nanos >= 1e18) {
      throw new IllegalArgumentException("duration too long: \"" + text + "\"");
    }
    return Math.round(nanos);
  }

  /**
   * Formats {@code nanos} exactly, in the largest of h, m, s, ms, us and ns that divides it, so
   * that {@link #parseNanos} gives the same value back.
   */
  public static String format(long nanos) {
    long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    String[] names = {"h", "m", "s", "ms", "us"};
    for (int i = 0; i < units.length; i++) {
      if (nanos != 0 && nanos % units[i] == 0) {
        return nanos / units[i] + names[i];
      }
    }
    return nanos + "ns";
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
  }
}
