package dev.tradeoff.patterns.resilience;

import java.util.TreeMap;

/**
 * God's-view counts of one {@link ResilientClient} layer, summed over its drivers, behind its
 * series. It never steers the system: drivers only add to it.
 */
final class Ledger {
  // By client index: a host that restarts builds a new driver, which replaces its old one.
  private final TreeMap<Integer, PolicyDriver> drivers = new TreeMap<>();
  long requests;
  long attempts;
  long retries;
  long hedges;
  long goodput;
  long budgetDenied;
  long breakerRefused;
  long gaveUp;

  void register(int index, PolicyDriver driver) {
    drivers.put(index, driver);
  }

  /** Share of drivers whose breaker is open or half-open; NaN with no breakers. */
  double breakersOpen() {
    int withBreaker = 0;
    int open = 0;
    for (PolicyDriver d : drivers.values()) {
      Breaker.State s = d.breakerState();
      if (s != null) {
        withBreaker++;
        open += s == Breaker.State.CLOSED ? 0 : 1;
      }
    }
    return withBreaker == 0 ? Double.NaN : open / (double) withBreaker;
  }
}
