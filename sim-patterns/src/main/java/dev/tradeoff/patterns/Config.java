package dev.tradeoff.patterns;

import dev.tradeoff.core.random.Distribution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pattern's parameter values, read and range-checked by the scenario reader against the pattern's
 * {@link Param}s: integers as {@code Long}, numbers as {@code Double}, durations as {@code Long}
 * nanoseconds, distributions as {@link Distribution}, strings and choices as {@code String},
 * booleans as {@code Boolean}, per-node values as an unmodifiable {@code Map} from node name in the
 * order written. Asking for a parameter the pattern did not declare, or as the wrong type, is a
 * programming error ({@link IllegalStateException}).
 */
public final class Config {
  private final Map<String, Object> values;

  /** The values, by parameter name. */
  public Config(Map<String, Object> values) {
    this.values = new LinkedHashMap<>(values);
  }

  private <T> T value(String name, Class<T> type) {
    Object v = values.get(name);
    if (!type.isInstance(v)) {
      throw new IllegalStateException(
          "parameter " + name + " is " + (v == null ? "missing" : v.getClass().getSimpleName()));
    }
    return type.cast(v);
  }

  /** An integer parameter. */
  public long integer(String name) {
    return value(name, Long.class);
  }

  /** A number parameter. */
  public double number(String name) {
    return value(name, Double.class);
  }

  /** A duration parameter, in nanoseconds. */
  public long nanos(String name) {
    return value(name, Long.class);
  }

  /** A distribution parameter. */
  public Distribution distribution(String name) {
    return value(name, Distribution.class);
  }

  /** A string or choice parameter. */
  public String string(String name) {
    return value(name, String.class);
  }

  /** A nested system parameter. */
  public Backend backend(String name) {
    return value(name, Backend.class);
  }

  /** Whether the optional nested system {@code name} was given. */
  public boolean hasBackend(String name) {
    return values.get(name) instanceof Backend;
  }

  /** These values with {@code name} set to {@code value}. */
  public Config with(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Config(copy);
  }

  /** These values with every nested system replaced by {@code f} of it. */
  public Config mapBackends(java.util.function.UnaryOperator<Backend> f) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, v instanceof Backend b ? f.apply(b) : v));
    return new Config(copy);
  }

  /** Whether the pattern declared a parameter {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A boolean parameter. */
  public boolean bool(String name) {
    return value(name, Boolean.class);
  }

  /** A {@link Param.Type#DISTRIBUTION_PER_NODE} parameter: the named nodes' distributions. */
  public Map<String, Distribution> distributionsPerNode(String name) {
    return perNode(name, Distribution.class);
  }

  /** An {@link Param.Type#INTEGER_PER_NODE} parameter: the named nodes' integers. */
  public Map<String, Long> integersPerNode(String name) {
    return perNode(name, Long.class);
  }

  private <T> Map<String, T> perNode(String name, Class<T> type) {
    Map<?, ?> map = value(name, Map.class);
    Map<String, T> typed = new LinkedHashMap<>();
    map.forEach((node, v) -> typed.put((String) node, type.cast(v)));
    return java.util.Collections.unmodifiableMap(typed);
  }
}
