package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.random.Distribution;
import java.util.List;

/**
 * A {@link Service}'s values, as it read them.
 *
 * @param names instance names, {@code <name>-0 …}
 * @param zone the instances' zone
 * @param balancer how a client picks an instance
 * @param concurrency requests an instance works on at once (its workers)
 * @param queue requests an instance holds waiting beyond those
 * @param discipline the queue's order and shedding
 * @param maxQueueNanos a request that waited longer is shed (answered fail); 0 never
 * @param dropExpired whether a request whose propagated deadline passed while it waited is dropped
 *     without work (the client gave up on it)
 * @param targetNanos controlled delay: the wait allowed while overloaded
 * @param intervalNanos controlled delay: how long the queue must go without emptying to count as
 *     overloaded, and the wait allowed otherwise
 * @param service CPU time per request
 * @param rateLimit requests per second an instance admits (a token bucket); 0 no limit
 * @param rateBurst the bucket's size
 * @param backend the store each request is forwarded to after its CPU work, or null (standalone)
 * @param backendTimeoutNanos how long an instance waits for the backend before answering {@code
 *     info}
 * @param isolation tenants, their rate limits, bulkheads and the adaptive limit
 * @param health the balancer's health check
 * @param shards which instances serve each customer, and the poison-pill customers
 */
record ServiceSettings(
    List<String> names,
    String zone,
    Balancer balancer,
    int concurrency,
    int queue,
    Discipline discipline,
    long maxQueueNanos,
    boolean dropExpired,
    long targetNanos,
    long intervalNanos,
    Distribution service,
    double rateLimit,
    int rateBurst,
    dev.tradeoff.patterns.Store backend,
    long backendTimeoutNanos,
    Isolation isolation,
    HealthCheck health,
    Shards shards) {

  /** Settings with one shared pool and no poison pills. */
  ServiceSettings(
      List<String> names,
      String zone,
      Balancer balancer,
      int concurrency,
      int queue,
      Discipline discipline,
      long maxQueueNanos,
      boolean dropExpired,
      long targetNanos,
      long intervalNanos,
      Distribution service,
      double rateLimit,
      int rateBurst,
      dev.tradeoff.patterns.Store backend,
      long backendTimeoutNanos,
      Isolation isolation,
      HealthCheck health) {
    this(
        names,
        zone,
        balancer,
        concurrency,
        queue,
        discipline,
        maxQueueNanos,
        dropExpired,
        targetNanos,
        intervalNanos,
        service,
        rateLimit,
        rateBurst,
        backend,
        backendTimeoutNanos,
        isolation,
        health,
        Shards.NONE);
  }

  /** Settings without tenants, bulkheads, an adaptive limit or a health check. */
  ServiceSettings(
      List<String> names,
      String zone,
      Balancer balancer,
      int concurrency,
      int queue,
      Discipline discipline,
      long maxQueueNanos,
      boolean dropExpired,
      long targetNanos,
      long intervalNanos,
      Distribution service,
      double rateLimit,
      int rateBurst,
      dev.tradeoff.patterns.Store backend,
      long backendTimeoutNanos) {
    this(
        names,
        zone,
        balancer,
        concurrency,
        queue,
        discipline,
        maxQueueNanos,
        dropExpired,
        targetNanos,
        intervalNanos,
        service,
        rateLimit,
        rateBurst,
        backend,
        backendTimeoutNanos,
        Isolation.NONE,
        HealthCheck.OFF);
  }

  /** Worker pools per instance. */
  int pools() {
    return isolation.bulkhead().pools(isolation.tenants());
  }
}
