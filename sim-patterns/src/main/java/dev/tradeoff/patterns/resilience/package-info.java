/**
 * Resilience under load: {@link dev.tradeoff.patterns.resilience.ResilientClient} (the pattern
 * {@code resilient-client}: per-attempt and overall timeouts, retries with fixed or exponential
 * backoff and jitter, a retry budget, a circuit breaker, hedging and deadline propagation, as a
 * layer wrapping any system's driver in a {@link dev.tradeoff.patterns.resilience.PolicyDriver}),
 * {@link dev.tradeoff.patterns.resilience.Service} (the pattern {@code service}: instances behind a
 * client-side {@link dev.tradeoff.patterns.resilience.Balancer}, each a {@link
 * dev.tradeoff.patterns.resilience.ServiceNode} with a concurrency limit and a bounded queue taken
 * in the order of its {@link dev.tradeoff.patterns.resilience.Discipline}, shedding by queue time
 * or expired deadline, an optional {@link dev.tradeoff.patterns.resilience.TokenBucket} rate limit,
 * global and per tenant, worker pools split by a {@link dev.tradeoff.patterns.resilience.Bulkhead},
 * an {@link dev.tradeoff.patterns.resilience.AdaptiveLimit}, a balancer's {@link
 * dev.tradeoff.patterns.resilience.HealthCheck}, standalone or as a tier in front of a nested
 * backend, its customers served by one shared pool or by plain or shuffle shards of its instances
 * ({@link dev.tradeoff.patterns.resilience.Assignment}), some of them poison pills that crash the
 * instance working on their request ({@link dev.tradeoff.patterns.resilience.PoisonPill}), with the
 * blast radius measured ({@link dev.tradeoff.patterns.resilience.BlastRadius}) and judged by the
 * {@code cut-off} and {@code poison-contained} checkers). The {@code recovery} checker ({@link
 * dev.tradeoff.core.check.Recovery}) judges whether goodput came back after the trigger of an
 * overload ended.
 */
package dev.tradeoff.patterns.resilience;
