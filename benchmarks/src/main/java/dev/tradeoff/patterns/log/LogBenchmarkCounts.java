package dev.tradeoff.patterns.log;

import dev.tradeoff.patterns.Store;

/**
 * In the log pattern's package, because its cluster and facts are package-private: what {@code
 * LogBenchmark} counts without widening the pattern's API.
 */
public final class LogBenchmarkCounts {
  private LogBenchmarkCounts() {}

  /**
   * Records handled so far by every consumer group of {@code store}, a built {@code log} system,
   * counting one per group (and redeliveries again).
   */
  public static long handled(Store store) {
    return ((LogCluster) store).facts().deliveries().size();
  }
}
