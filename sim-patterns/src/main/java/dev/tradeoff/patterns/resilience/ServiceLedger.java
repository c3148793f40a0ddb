package dev.tradeoff.patterns.resilience;

/**
 * God's-view counts of a {@link Service}, summed over its instances, behind its series; instances
 * only add to it.
 */
final class ServiceLedger {
  long arrived;
  long served;
  long refused;
  long limited;
  long shed;
  long expired;
  long wasted;
  long poisoned;
  long startedCount;
  long waitedNanos;
  // Health check: (driver, instance) pairs checked, and those out of rotation now.
  long checkedPairs;
  long ejectedPairs;

  void started(long waitedNanos) {
    startedCount++;
    this.waitedNanos += waitedNanos;
  }

  /** The share of (driver, instance) pairs out of rotation now; 0 without a health check. */
  double ejectedShare() {
    return checkedPairs == 0 ? 0 : (double) ejectedPairs / checkedPairs;
  }
}
