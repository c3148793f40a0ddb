package dev.tradeoff.patterns.resilience;

/**
 * How a {@link Service} instance keeps one tenant or one kind of work from taking everything, and
 * how it adapts its concurrency limit.
 *
 * @param tenants tenants, a request's being its key modulo this (floor)
 * @param tenantRateLimit requests per second an instance admits from each tenant (a token bucket
 *     per tenant); 0 no limit
 * @param tenantBurst each tenant's bucket size
 * @param bulkhead how the workers are split into pools
 * @param adaptive whether each pool's concurrency limit adapts ({@link AdaptiveLimit}) between 1
 *     and {@code concurrency}
 * @param limitTargetNanos adaptive limit: the time in the instance (wait plus work) above which a
 *     request counts as late
 */
record Isolation(
    int tenants,
    double tenantRateLimit,
    int tenantBurst,
    Bulkhead bulkhead,
    boolean adaptive,
    long limitTargetNanos) {
  /** No tenants, no bulkheads, a fixed limit. */
  static final Isolation NONE = new Isolation(1, 0, 10, Bulkhead.NONE, false, 1);

  /** The tenant of a request for {@code key}. */
  int tenant(long key) {
    return (int) Math.floorMod(key, (long) tenants);
  }
}
