package dev.tradeoff.patterns.resilience;

/**
 * How a {@link Service}'s customers (tenants) are given instances, and which of them are poison
 * pills.
 *
 * @param assignment which instances serve each customer; null: one shared pool, unmeasured
 * @param poisonTenants customers {@code 0 … poisonTenants − 1} are poison pills: an instance that
 *     starts working on one of their requests crashes ({@link PoisonPill})
 * @param poisonFromNanos poison requests crash instances only from this time of the run on (true
 *     time); earlier ones are served as any other
 * @param poisonRestartNanos a poisoned instance restarts this long after its crash; 0 never
 * @param fallback whether a client whose customer has every instance out of rotation (by the health
 *     check) chooses among every instance, as many balancers do, rather than among the customer's
 *     own
 */
record Shards(
    Assignment assignment,
    int poisonTenants,
    long poisonFromNanos,
    long poisonRestartNanos,
    boolean fallback) {
  /** One shared pool, no poison pills, nothing measured per customer. */
  static final Shards NONE = new Shards(null, 0, 0, 0, false);

  /** Whether requests of customer {@code tenant} crash the instance that works on them. */
  boolean poisons(int tenant) {
    return tenant < poisonTenants;
  }

  /** Whether customers have instances of their own, or some are poison pills. */
  boolean measured() {
    return assignment != null && (poisonTenants > 0 || !assignment.shared());
  }
}
