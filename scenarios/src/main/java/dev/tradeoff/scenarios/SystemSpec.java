package dev.tradeoff.scenarios;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.List;

/**
 * A scenario's system as a value: its pattern and the values read for it. Each simulation builds
 * its own {@link Store} ({@link #build()}): a built store records one run and belongs to it, so a
 * scenario can be run any number of times (on other seeds, twice to compare, shrunk) without being
 * read again. Names and checkers are answered from a store built once for the purpose.
 */
public final class SystemSpec {
  private final PatternSpec pattern;
  private final Config config;
  private final Store shape;

  SystemSpec(PatternSpec pattern, Config config) {
    this.pattern = pattern;
    this.config = config;
    this.shape = pattern.build(config);
  }

  /**
   * A system written as a scenario's {@code system} object, e.g. {@code {"pattern":
   * "leader-follower", "mode": "sync"}}, for a test author who builds a pattern from Java: it is
   * read by the scenario reader itself, so every parameter left out takes exactly the default a
   * scenario file would give it, and every value is parsed and validated the same way.
   *
   * @param systemJson the {@code system} object as JSON text
   * @param durationNanos how long the run's clients issue operations (patterns check their
   *     scheduled steps against it)
   * @throws dev.tradeoff.core.json.JsonException naming the line, column and field of a bad value
   */
  public static SystemSpec of(String systemJson, long durationNanos) {
    return Patterns.read(Json.parse(systemJson), durationNanos).spec();
  }

  /** {@code pattern} with every parameter at its scenario default; see {@link #of}. */
  public static SystemSpec defaults(String pattern, long durationNanos) {
    return of("{\"pattern\": " + Json.quote(pattern) + "}", durationNanos);
  }

  /** The parameter values, defaults included, as the pattern's builder reads them. */
  public Config config() {
    return config;
  }

  /** The pattern's stable name. */
  public String pattern() {
    return pattern.name();
  }

  /** A fresh store for one simulation. */
  public Store build() {
    return pattern.build(config);
  }

  /** The nodes every build creates, in order. */
  public List<String> nodes() {
    return shape.nodes();
  }

  /** The zones its nodes live in. */
  public List<String> zones() {
    return shape.zones();
  }

  /** The checkers a built store offers beyond the history checkers. */
  public List<String> checkerNames() {
    return shape.checkerNames();
  }
}
