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
  long startedCount;
  long waitedNanos;

  void started(long waitedNanos) {
    startedCount++;
    this.waitedNanos += waitedNanos;
  }
}
