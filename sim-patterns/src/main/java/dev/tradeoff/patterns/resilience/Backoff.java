package dev.tradeoff.patterns.resilience;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How long a client waits before retry {@code n}: a fixed or exponentially growing base, capped,
 * with one of the jitters of Brooker's "Exponential Backoff And Jitter" (AWS Architecture Blog,
 * 2015), which spread the retries of clients that failed together so that they do not come back
 * together.
 *
 * @param exponential whether the wait doubles with every retry ({@code base · 2^(n-1)}) or stays
 *     {@code base}
 * @param baseNanos the first wait
 * @param capNanos the longest wait
 * @param jitter how the wait is randomised
 */
record Backoff(boolean exponential, long baseNanos, long capNanos, Jitter jitter) {
  /** The jitters, by the names scenario files use. */
  enum Jitter {
    /** The computed wait exactly. */
    NONE,
    /** Uniform in [0, wait]. */
    FULL,
    /** Half the wait plus uniform in [0, wait / 2]. */
    EQUAL,
    /** Uniform in [base, 3 · previous wait], capped: independent of the retry count. */
    DECORRELATED;

    static final List<String> NAMES = List.of("full", "none", "equal", "decorrelated");

    static Jitter of(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Checks the bounds. */
  Backoff {
    if (baseNanos < 0 || capNanos < baseNanos) {
      throw new IllegalArgumentException("backoff: need 0 <= base <= cap");
    }
  }

  /**
   * The wait before retry {@code retry} (1 for the first), given the wait before the previous one
   * ({@code baseNanos} before the first), drawing from {@code random}.
   */
  long delayNanos(int retry, long previousNanos, UniformRandomProvider random) {
    long wait = exponential ? grown(retry) : Math.min(baseNanos, capNanos);
    return switch (jitter) {
      case NONE -> wait;
      case FULL -> uniform(random, 0, wait);
      case EQUAL -> wait / 2 + uniform(random, 0, wait - wait / 2);
      case DECORRELATED ->
          Math.min(capNanos, uniform(random, baseNanos, Math.max(baseNanos, 3 * previousNanos)));
    };
  }

  private long grown(int retry) {
    int doublings = Math.min(retry - 1, 62);
    long wait = baseNanos;
    for (int i = 0; i < doublings && wait < capNanos; i++) {
      wait = wait > capNanos / 2 ? capNanos : wait * 2;
    }
    return Math.min(wait, capNanos);
  }

  private static long uniform(UniformRandomProvider random, long low, long high) {
    return high <= low ? low : low + random.nextLong(high - low + 1);
  }
}
