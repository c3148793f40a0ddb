package dev.tradeoff.scenarios;

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
