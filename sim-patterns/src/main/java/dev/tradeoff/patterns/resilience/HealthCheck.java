package dev.tradeoff.patterns.resilience;

/**
 * A {@link Service} balancer's active health check: each client's driver asks every instance how it
 * is every {@code intervalNanos}; an instance that has not answered the previous question when the
 * next is due (down, or cut off), or that reports its recent queue wait above {@code maxWaitNanos}
 * (slow), gets no requests until it answers well again. With every instance out, the driver sends
 * to all of them as if none were checked.
 *
 * @param intervalNanos how often each driver asks; 0 no health check
 * @param maxWaitNanos the queue wait above which an instance counts as slow; 0 never slow
 */
record HealthCheck(long intervalNanos, long maxWaitNanos) {
  /** No health check. */
  static final HealthCheck OFF = new HealthCheck(0, 0);

  boolean on() {
    return intervalNanos > 0;
  }
}
