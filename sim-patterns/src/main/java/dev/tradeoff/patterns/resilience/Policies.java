package dev.tradeoff.patterns.resilience;

/**
 * The client-side policies of one {@link ResilientClient} layer, as it read them. A duration of 0
 * turns its policy off.
 *
 * @param name the layer's name: its series are {@code <name>/…}
 * @param attemptTimeoutNanos one attempt is given up after this; 0 waits for its answer
 * @param deadlineNanos the whole request is given up (answered {@code info}) after this; 0 never
 * @param attempts the most attempts per request, the first included (1: no retries)
 * @param backoff the wait before each retry
 * @param budget the retry budget, or null for none
 * @param breaker the breaker's settings, or null for none
 * @param propagateDeadline whether each attempt carries its remaining time to the server
 * @param hedgeDelayNanos a second copy of an attempt goes out after this without an answer; 0 never
 */
record Policies(
    String name,
    long attemptTimeoutNanos,
    long deadlineNanos,
    int attempts,
    Backoff backoff,
    BudgetSettings budget,
    BreakerSettings breaker,
    boolean propagateDeadline,
    long hedgeDelayNanos) {

  /** A retry budget: retries as {@code share} of requests, {@code burst} at once. */
  record BudgetSettings(double share, int burst) {}

  /** A breaker: see {@link Breaker}. */
  record BreakerSettings(int window, double threshold, long openNanos, int probes) {
    Breaker create() {
      return new Breaker(window, threshold, openNanos, probes);
    }
  }
}
