package dev.tradeoff.patterns;

import dev.tradeoff.core.check.Checker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checkers a {@link Store} offers, by stable name, in the order they were added: the one place
 * a pattern registers a checker. Scenario files name them, the reader accepts exactly these names,
 * and the runner builds them after the run from what the pattern recorded.
 */
public final class StoreCheckers {
  private static final StoreCheckers NONE = new StoreCheckers(Map.of());

  private final Map<String, Supplier<Checker>> factories;

  private StoreCheckers(Map<String, Supplier<Checker>> factories) {
    this.factories = factories;
  }

  /** No checkers. */
  public static StoreCheckers none() {
    return NONE;
  }

  /** An empty table to add to. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names, in the order they were added. */
  public List<String> names() {
    return List.copyOf(factories.keySet());
  }

  /** A fresh checker registered as {@code name}, or empty. */
  public Optional<Checker> create(String name) {
    Supplier<Checker> factory = factories.get(name);
    return factory == null ? Optional.empty() : Optional.of(factory.get());
  }

  /** Builds a table; a name may be added once. */
  public static final class Builder {
    private final Map<String, Supplier<Checker>> factories = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers {@code factory} as {@code name}; it is called after the run, once per check.
     *
     * @throws IllegalStateException if {@code name} is already registered
     */
    public Builder add(String name, Supplier<Checker> factory) {
      if (factories.putIfAbsent(name, factory) != null) {
        throw new IllegalStateException("checker " + name + " registered twice");
      }
      return this;
    }

    /** The table. */
    public StoreCheckers build() {
      return new StoreCheckers(Collections.unmodifiableMap(new LinkedHashMap<>(factories)));
    }
  }
}
