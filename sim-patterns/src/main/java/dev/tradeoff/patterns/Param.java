package dev.tradeoff.patterns;

import java.util.List;
import java.util.Objects;

/**
 * One configuration parameter of a pattern, as a scenario file writes it: its name, type, default
 * and range. Scenario readers check values against it and report the file position of a bad one, so
 * patterns need no reading code of their own.
 *
 * @param name the field name in the scenario's {@code system} object
 * @param type what kind of value it is
 * @param defaultValue the default, as a scenario would write it ({@code "1ms"}, {@code 3}, …), or
 *     null if the parameter is required
 * @param min the smallest allowed number (integers, numbers; durations in nanoseconds)
 * @param max the largest allowed number
 * @param choices the allowed words of a {@link Type#CHOICE}
 * @param doc one line on what it does, for the docs and {@code --help}
 */
public record Param(
    String name,
    Type type,
    Object defaultValue,
    double min,
    double max,
    List<String> choices,
    String doc) {

  /** The kinds of parameter value. */
  public enum Type {
    /** An integer in [min, max]. */
    INTEGER,
    /** A number in [min, max]. */
    NUMBER,
    /** A duration string ({@code "250ms"}), in [min, max] nanoseconds. */
    DURATION,
    /** A distribution of durations ({@code "exp(1ms)"}). */
    DISTRIBUTION,
    /** Any string. */
    STRING,
    /** One of {@link Param#choices()}. */
    CHOICE,
    /** true or false. */
    BOOLEAN,
    /**
     * Distributions of durations for named nodes, written {@code "db-2=exp(2ms), db-1=200ms"}: a
     * {@code Map<String, Distribution>} in the {@link Config}, in the order written; empty by
     * default. The pattern checks the names (see {@link PerNode#unknown}).
     */
    DISTRIBUTION_PER_NODE,
    /**
     * Integers in [min, max] for named nodes, written {@code "db-2=1, db-1=4"}: a {@code
     * Map<String, Long>} in the {@link Config}, in the order written; empty by default.
     */
    INTEGER_PER_NODE,
    /**
     * Another pattern's system object ({@code {"pattern": …}}), which this pattern builds on: a
     * {@link Backend} in the {@link Config}.
     */
    SYSTEM
  }

  /** Copies the choices and checks the name. */
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    choices = List.copyOf(choices);
  }

  /** An integer parameter. */
  public static Param integer(String name, long defaultValue, long min, long max, String doc) {
    return new Param(name, Type.INTEGER, defaultValue, min, max, List.of(), doc);
  }

  /** A number parameter. */
  public static Param number(String name, double defaultValue, double min, double max, String doc) {
    return new Param(name, Type.NUMBER, defaultValue, min, max, List.of(), doc);
  }

  /** A duration parameter of at least {@code minNanos}. */
  public static Param duration(String name, String defaultValue, long minNanos, String doc) {
    return new Param(name, Type.DURATION, defaultValue, minNanos, Long.MAX_VALUE, List.of(), doc);
  }

  /** A distribution-of-durations parameter. */
  public static Param distribution(String name, String defaultValue, String doc) {
    return new Param(name, Type.DISTRIBUTION, defaultValue, 0, 0, List.of(), doc);
  }

  /** A string parameter. */
  public static Param string(String name, String defaultValue, String doc) {
    return new Param(name, Type.STRING, defaultValue, 0, 0, List.of(), doc);
  }

  /** A parameter taking one of {@code choices}; the default is the first. */
  public static Param choice(String name, List<String> choices, String doc) {
    return new Param(name, Type.CHOICE, choices.get(0), 0, 0, choices, doc);
  }

  /** A nested system this pattern builds on (required). */
  public static Param system(String name, String doc) {
    return new Param(name, Type.SYSTEM, null, 0, 0, List.of(), doc);
  }

  /** Default of an optional nested system: absent, and absent from the {@link Config}. */
  public static final String NO_SYSTEM = "none";

  /**
   * A nested system this pattern may build on; when the scenario leaves it out, {@link
   * Config#hasBackend} is false.
   */
  public static Param optionalSystem(String name, String doc) {
    return new Param(name, Type.SYSTEM, NO_SYSTEM, 0, 0, List.of(), doc);
  }

  /**
   * Per-node distributions overriding a pattern-wide one for the nodes named; none by default.
   *
   * @see Type#DISTRIBUTION_PER_NODE
   */
  public static Param distributionPerNode(String name, String doc) {
    return new Param(name, Type.DISTRIBUTION_PER_NODE, "", 0, 0, List.of(), doc);
  }

  /**
   * Per-node integers in [min, max] overriding a pattern-wide one for the nodes named; none by
   * default.
   *
   * @see Type#INTEGER_PER_NODE
   */
  public static Param integerPerNode(String name, long min, long max, String doc) {
    return new Param(name, Type.INTEGER_PER_NODE, "", min, max, List.of(), doc);
  }

  /** A boolean parameter. */
  public static Param bool(String name, boolean defaultValue, String doc) {
    return new Param(name, Type.BOOLEAN, defaultValue, 0, 0, List.of(), doc);
  }
}
