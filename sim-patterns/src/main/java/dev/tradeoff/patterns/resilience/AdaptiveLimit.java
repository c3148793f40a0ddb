package dev.tradeoff.patterns.resilience;

/**
 * An adaptive concurrency limit by additive increase, multiplicative decrease (AIMD), as TCP
 * congestion control and Netflix's concurrency-limits library adapt a window: each request done
 * within {@code targetNanos} of arriving raises the limit by {@code 1 / limit} (about one per
 * limit's worth of requests), and a request done later than that, or shed, cuts it to {@code ratio}
 * of itself, at most once per {@code targetNanos} so that one burst of late answers counts as one
 * signal. The limit stays within {@code [1, max]}; it starts at {@code max}.
 */
final class AdaptiveLimit {
  /** The share of the limit kept on a decrease. */
  static final double RATIO = 0.9;

  private final int max;
  private final long targetNanos;
  private double limit;
  private long lastCutNanos = Long.MIN_VALUE;

  AdaptiveLimit(int max, long targetNanos) {
    if (max < 1 || targetNanos < 1) {
      throw new IllegalArgumentException("adaptive limit: max >= 1 and target >= 1 ns");
    }
    this.max = max;
    this.targetNanos = targetNanos;
    this.limit = max;
  }

  /** Requests that may be worked on at once now. */
  int limit() {
    return (int) limit;
  }

  /** A request finished at {@code nowNanos}, {@code latencyNanos} after it arrived. */
  void done(long latencyNanos, long nowNanos) {
    if (latencyNanos > targetNanos) {
      cut(nowNanos);
    } else {
      limit = Math.min(max, limit + 1 / limit);
    }
  }

  /** A request was shed or refused at {@code nowNanos}: the instance is overloaded. */
  void dropped(long nowNanos) {
    cut(nowNanos);
  }

  private void cut(long nowNanos) {
    if (lastCutNanos != Long.MIN_VALUE && nowNanos - lastCutNanos < targetNanos) {
      return;
    }
    lastCutNanos = nowNanos;
    limit = Math.max(1, limit * RATIO);
  }
}
