package dev.tradeoff.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checkers that need nothing but a history, registered once under stable names: scenario files,
 * the runner, the JSON Schema and the docs all take their names from here. Checkers that need a
 * pattern's record (lost writes, split brain, convergence) are offered by the pattern. Adding one
 * is one line in {@link #ENTRIES}.
 */
public final class HistoryCheckers {
  /** Delays at which staleness reports t-visibility: 0, 10 ms and 100 ms. */
  public static final List<Long> VISIBILITY_DELAYS_NANOS = List.of(0L, 10_000_000L, 100_000_000L);

  /**
   * One registered checker.
   *
   * @param name its stable name, as scenario files write it
   * @param summary what it finds, in a few words
   * @param factory a fresh checker (checkers hold no state between runs, but may hold budgets)
   */
  public record Entry(String name, String summary, Supplier<Checker> factory) {}

  private static final List<Entry> ENTRIES = entries();

  private HistoryCheckers() {}

  private static List<Entry> entries() {
    List<Entry> e = new ArrayList<>();
    e.add(
        new Entry(
            "linearizability",
            "per-key linearizability of the kv model (register with CAS, list, or text)",
            () ->
                new Linearizability(
                    Linearizability.Model.KV, Linearizability.DEFAULT_MAX_CONFIGURATIONS)));
    for (SessionGuarantees.Guarantee g : SessionGuarantees.Guarantee.values()) {
      e.add(
          new Entry(
              g.checkerName(),
              "the " + g.checkerName() + " session guarantee",
              () -> new SessionGuarantees(g)));
    }
    e.add(
        new Entry(
            "staleness",
            "reads older than a write acknowledged before they began; t-visibility",
            () -> new Staleness(VISIBILITY_DELAYS_NANOS)));
    e.add(
        new Entry(
            "blast-radius",
            "share of customers (keys) with a failed operation during the faults; requests failed;"
                + " availability",
            BlastRadius::new));
    return List.copyOf(e);
  }

  /** Every registered checker, in a stable order. */
  public static List<Entry> all() {
    return ENTRIES;
  }

  /** The registered names, in the order of {@link #all()}. */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  /** A fresh checker registered as {@code name}, or empty. */
  public static Optional<Checker> create(String name) {
    return ENTRIES.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .map(e -> e.factory().get());
  }
}
