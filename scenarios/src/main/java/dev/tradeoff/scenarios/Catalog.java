package dev.tradeoff.scenarios;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The built-in scenarios, registered by hand under stable names. */
public final class Catalog {
  private static final Map<String, MmcDemo> DEMOS = new LinkedHashMap<>();

  static {
    register(
        new MmcDemo(
            "mm1", "M/M/1 service node at 90% utilisation under Poisson load", 1, 900, 1_000));
    register(
        new MmcDemo(
            "mmc", "M/M/4 service node at 90% utilisation under Poisson load", 4, 3_600, 1_000));
  }

  private Catalog() {}

  private static void register(MmcDemo demo) {
    DEMOS.put(demo.name(), demo);
  }

  /** Every built-in scenario by name, in catalog order. */
  public static Map<String, MmcDemo> all() {
    return Collections.unmodifiableMap(DEMOS);
  }

  /** The built-in scenario called {@code name}. */
  public static Optional<MmcDemo> find(String name) {
    return Optional.ofNullable(DEMOS.get(name));
  }
}
