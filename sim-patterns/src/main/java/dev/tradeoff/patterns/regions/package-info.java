/**
 * Regions and regional failover: {@link dev.tradeoff.patterns.regions.MultiRegion} (the pattern
 * {@code multi-region}) runs a nested stack per region behind a regional {@link
 * dev.tradeoff.patterns.regions.Gateway} that replicates acknowledged writes across regions
 * (asynchronously in batches, or synchronously), with a global {@link
 * dev.tradeoff.patterns.regions.TrafficManager} that health-checks regions and fails their keys
 * over, and the checkers {@link dev.tradeoff.patterns.regions.Rpo} (acknowledged writes lost),
 * {@link dev.tradeoff.patterns.regions.Rto} (each client's write outage) and {@link
 * dev.tradeoff.patterns.regions.StaleOwners} (an old owner acknowledging writes after a newer epoch
 * did).
 */
package dev.tradeoff.patterns.regions;
