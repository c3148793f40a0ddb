package dev.tradeoff.patterns;

import dev.tradeoff.core.random.Distribution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pattern's parameters at their declared defaults as a built {@link Config}, for tests that build
 * a pattern without a scenario file: integers as Long, numbers as Double, durations in nanoseconds,
 * {@code exp(…)} distributions as {@link Distribution#exponential}, per-node values as none.
 */
public final class PatternDefaults {
  private static final long MS = 1_000_000L;

  private PatternDefaults() {}

  /** {@code spec}'s defaults with {@code overrides} (durations in nanoseconds as Long) on top. */
  public static Config config(PatternSpec spec, Map<String, Object> overrides) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : spec.params()) {
      values.put(p.name(), built(p));
    }
    values.putAll(overrides);
    return new Config(values);
  }

  private static Object built(Param p) {
    Object v = p.defaultValue();
    return switch (p.type()) {
      case INTEGER -> ((Number) v).longValue();
      case NUMBER -> ((Number) v).doubleValue();
      case DURATION -> nanos((String) v);
      case DISTRIBUTION -> exponential(p.name(), (String) v);
      case DISTRIBUTION_PER_NODE, INTEGER_PER_NODE -> Map.of();
      default -> v;
    };
  }

  private static Distribution exponential(String name, String text) {
    if (!text.startsWith("exp(") || !text.endsWith(")")) {
      throw new IllegalArgumentException(name + ": only exp(mean) defaults are built, got " + text);
    }
    return Distribution.exponential(nanos(text.substring(4, text.length() - 1)));
  }

  private static long nanos(String text) {
    if (text.endsWith("ms")) {
      return (long) (Double.parseDouble(text.substring(0, text.length() - 2)) * MS);
    }
    if (text.endsWith("us")) {
      return (long) (Double.parseDouble(text.substring(0, text.length() - 2)) * 1_000);
    }
    if (text.endsWith("s")) {
      return (long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1_000 * MS);
    }
    return Long.parseLong(text);
  }
}
