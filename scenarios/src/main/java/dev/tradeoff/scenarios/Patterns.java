package dev.tradeoff.scenarios;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.catalog.PatternCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario's {@code system} object for any pattern of {@link PatternCatalog}: the {@code
 * pattern} field chooses the pattern, whose {@link Param}s say which other fields exist, their
 * types, ranges and defaults. Problems point at the offending field like every other scenario
 * error.
 */
final class Patterns {
  private Patterns() {}

  /**
   * A system read from a scenario.
   *
   * @param spec the system as a value, to build one store per simulation
   * @param store a store built from the values, for checking names while reading
   * @param effective the {@code system} object after defaults
   */
  record Read(SystemSpec spec, Store store, Json.Obj effective) {}

  /**
   * Reads {@code system} of a run whose clients issue operations for {@code durationNanos}
   * (patterns check their scheduled steps against it).
   */
  static Read read(Json.Cursor system, long durationNanos) {
    Nested nested = nested(system, durationNanos);
    SystemSpec spec = new SystemSpec(nested.spec(), nested.config());
    Store store = spec.build();
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (String node : store.nodes()) {
      if (!seen.add(node)) {
        throw system.fail(
            "node name \""
                + node
                + "\" is used twice: give the nested systems distinct \"name\" fields");
      }
    }
    return new Read(spec, store, nested.effective());
  }

  /** A system object read but not built: its pattern, values and effective JSON. */
  private record Nested(PatternSpec spec, Config config, Json.Obj effective) {}

  private static Nested nested(Json.Cursor system, long durationNanos) {
    Json.Cursor patternField = system.field("pattern");
    String name = patternField.string();
    PatternSpec spec =
        PatternCatalog.find(name)
            .orElseThrow(
                () ->
                    patternField.fail(
                        "unknown pattern \""
                            + name
                            + "\"; known: "
                            + String.join(", ", PatternCatalog.names())));
    List<String> known = new ArrayList<>();
    known.add("pattern");
    spec.params().forEach(p -> known.add(p.name()));
    Section s = new Section(system, known);
    s.string("pattern");
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : spec.params()) {
      values.put(p.name(), value(s, p, durationNanos));
    }
    Config config = new Config(values);
    String[] problem = spec.validate(config, durationNanos);
    if (problem != null) {
      throw (s.has(problem[0]) ? s.field(problem[0]) : system).fail(problem[1]);
    }
    return new Nested(spec, config, s.effective());
  }

  private static Object value(Section s, Param p, long durationNanos) {
    return switch (p.type()) {
      case INTEGER ->
          s.integer(p.name(), defaultLong(p), (long) p.min(), (long) Math.min(p.max(), 9e18));
      case NUMBER ->
          s.number(
              p.name(),
              p.defaultValue() == null ? 0 : ((Number) p.defaultValue()).doubleValue(),
              p.min(),
              p.max());
      case DURATION -> s.duration(p.name(), (String) p.defaultValue(), (long) p.min());
      case DISTRIBUTION -> s.distribution(p.name(), (String) p.defaultValue());
      case STRING ->
          p.defaultValue() == null
              ? s.string(p.name())
              : s.string(p.name(), (String) p.defaultValue());
      case CHOICE -> choice(s, p);
      case BOOLEAN -> s.bool(p.name(), (Boolean) p.defaultValue());
      case DISTRIBUTION_PER_NODE -> s.perNode(p.name(), Units::parseDistributionNanos);
      case INTEGER_PER_NODE -> s.perNode(p.name(), v -> boundedInteger(v, p));
      case SYSTEM -> {
        if (!s.has(p.name()) && Param.NO_SYSTEM.equals(p.defaultValue())) {
          yield Param.NO_SYSTEM; // an optional system left out: Config.hasBackend is false
        }
        Nested inner = nested(s.field(p.name()), durationNanos);
        s.put(p.name(), inner.effective());
        yield new Backend(inner.spec(), inner.config());
      }
    };
  }

  private static long boundedInteger(String text, Param p) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got \"" + text + "\"", e);
    }
    if (value < p.min() || value > p.max()) {
      throw new IllegalArgumentException(
          "must be in [" + (long) p.min() + ", " + (long) p.max() + "], got " + value);
    }
    return value;
  }

  private static long defaultLong(Param p) {
    return p.defaultValue() == null ? (long) p.min() : ((Number) p.defaultValue()).longValue();
  }

  private static String choice(Section s, Param p) {
    String value = s.has(p.name()) ? choiceText(s.field(p.name())) : (String) p.defaultValue();
    if (!p.choices().contains(value)) {
      throw s.field(p.name())
          .fail("must be one of " + String.join(", ", p.choices()) + ", got \"" + value + "\"");
    }
    s.put(p.name(), Json.string(value));
    return value;
  }

  /**
   * A choice as written: a string, or a whole number for choices that are numerals ({@code "acks":
   * 1}, as {@code --set system.acks=1} writes it); the effective scenario spells it as a string.
   */
  private static String choiceText(Json.Cursor field) {
    return field.isNumber() ? Long.toString(field.integer()) : field.string();
  }
}
