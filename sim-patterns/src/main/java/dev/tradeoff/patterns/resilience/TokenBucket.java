package dev.tradeoff.patterns.resilience;

/**
 * A token-bucket rate limit: tokens accrue at {@code perSecond} up to {@code burst}, and each
 * admitted request takes one, so over any span of {@code t} seconds it admits at most {@code
 * perSecond · t + burst} requests — exactly that many when requests keep coming faster. It starts
 * full. Time is the owner's local clock, in nanoseconds.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double perSecond;
  private final double burst;
  private double tokens;
  private long lastNanos;

  /** A full bucket at local time {@code nowNanos}. */
  TokenBucket(double perSecond, int burst, long nowNanos) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("token bucket: rate > 0 and burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes a token at {@code nowNanos}; false, taking nothing, when none is left. */
  boolean take(long nowNanos) {
    if (nowNanos > lastNanos) {
      tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perSecond / NANOS_PER_SECOND);
      lastNanos = nowNanos;
    }
    // A hair of tolerance, so that tokens accrued in many small steps still add up to one.
    if (tokens < 1 - 1e-9) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
