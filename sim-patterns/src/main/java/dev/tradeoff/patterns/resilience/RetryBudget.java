package dev.tradeoff.patterns.resilience;

/**
 * A retry budget as Finagle and gRPC keep one: a token bucket that every request fills by {@code
 * share} and every retry empties by one, so retries stay near {@code share} of requests however
 * badly the calls fail, plus a burst of {@code burst} tokens for a quiet client's first failures.
 * It starts full.
 */
final class RetryBudget {
  private final double share;
  private final double burst;
  private double tokens;

  /** A budget letting retries be {@code share} (in [0, 1]) of requests, {@code burst} at once. */
  RetryBudget(double share, int burst) {
    if (!(share >= 0 && share <= 1) || burst < 1) {
      throw new IllegalArgumentException("retry budget: share in [0, 1] and burst >= 1");
    }
    this.share = share;
    this.burst = burst;
    this.tokens = burst;
  }

  /** A request was made: it earns {@code share} of a retry. */
  void deposit() {
    tokens = Math.min(burst, tokens + share);
  }

  /** Takes a token for one retry; false, taking nothing, when the budget is spent. */
  boolean withdraw() {
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** Tokens left (for tests). */
  double tokens() {
    return tokens;
  }
}
