package dev.tradeoff.patterns.regions;

/**
 * A {@code multi-region} system's values (see {@link MultiRegion} for each one's meaning).
 *
 * @param regions the regions and their zones
 * @param activeActive whether every region is home to a share of the keys (else the first region is
 *     home to all)
 * @param sync whether a write is acknowledged only after the healthy other regions applied it
 * @param batchNanos how often a gateway ships its unshipped writes; 0 at once
 * @param failover automatic, manual or none
 * @param failoverAtNanos when a manual failover starts
 * @param evacuate the region a manual failover moves keys off
 * @param probeNanos the traffic manager's health-check interval
 * @param detectNanos how long a region may miss health checks before it is declared down
 * @param fencing whether ownership is fenced by epochs and leases
 * @param leaseNanos how long a health check lets an owner act (fencing)
 * @param failback whether the router sends keys back to their home region when it answers again
 */
record Settings(
    RegionMap regions,
    boolean activeActive,
    boolean sync,
    long batchNanos,
    Failover failover,
    long failoverAtNanos,
    int evacuate,
    long probeNanos,
    long detectNanos,
    boolean fencing,
    long leaseNanos,
    boolean failback) {

  /** Who moves keys off a failed region. */
  enum Failover {
    /** The traffic manager, once the region missed health checks for the detection time. */
    AUTOMATIC,
    /** An operator, at a set time. */
    MANUAL,
    /** Nobody: the region's keys are unavailable until it returns. */
    NONE
  }

  /** Key slots: one per region when active-active, else one. */
  int slots() {
    return activeActive ? regions.size() : 1;
  }

  /** The slot of {@code key}. */
  int slot(long key) {
    return activeActive ? (int) Math.floorMod(key, (long) regions.size()) : 0;
  }

  /** The home region of {@code slot}. */
  int home(int slot) {
    return slot;
  }
}
