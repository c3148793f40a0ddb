package dev.tradeoff.patterns.replication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-replica apply delays as the {@code applyDelays} parameter writes them: comma-separated {@code
 * <replica>=<duration>} entries, e.g. {@code "db-2=200ms"} or {@code "db-1=20ms, db-2=200ms"}; a
 * duration is a number and one of {@code ns}, {@code us}, {@code ms}, {@code s}. A named replica
 * applies what it receives after exactly that long whenever it is a follower, instead of a draw
 * from {@code applyDelay}; the others keep {@code applyDelay}. Empty names none.
 */
final class ApplyDelays {
  private static final Pattern ENTRY =
      Pattern.compile("\\s*([^=,\\s]+)\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s)\\s*");

  private ApplyDelays() {}

  /**
   * The delay in nanoseconds per named replica, in the order written.
   *
   * @param text the parameter's value
   * @param names the group's replicas
   * @throws IllegalArgumentException with a one-line message saying what is wrong
   */
  static Map<String, Long> parse(String text, List<String> names) {
    Map<String, Long> delays = new LinkedHashMap<>();
    if (text.isBlank()) {
      return delays;
    }
    for (String entry : text.split(",", -1)) {
      Matcher m = ENTRY.matcher(entry);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "expected <replica>=<duration>[, …] such as \"db-2=200ms\", got \"" + text + "\"");
      }
      String name = m.group(1);
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "no replica \"" + name + "\"; replicas: " + String.join(", ", names));
      }
      if (delays.put(name, nanos(m.group(2), m.group(3))) != null) {
        throw new IllegalArgumentException("replica \"" + name + "\" is named twice");
      }
    }
    return delays;
  }

  private static long nanos(String number, String unit) {
    long scale =
        switch (unit) {
          case "ns" -> 1L;
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          default -> 1_000_000_000L;
        };
    double nanos = Double.parseDouble(number) * scale;
    if (nanos > 3_600e9) {
      throw new IllegalArgumentException("an apply delay must be at most 1h, got " + number + unit);
    }
    return Math.round(nanos);
  }
}
