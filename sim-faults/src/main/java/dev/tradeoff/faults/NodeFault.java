package dev.tradeoff.faults;

import static dev.tradeoff.faults.FaultRules.positiveFactor;
import static dev.tradeoff.faults.FaultRules.single;

import java.util.List;
import java.util.SortedSet;

/**
 * Faults of a node as a whole: crashes and restarts, pauses, a slow CPU, a zone going dark, dropped
 * caches. Each record validates its fields when built and reverts exactly what it changed; see
 * {@link Fault}.
 */
public sealed interface NodeFault extends Fault {

  /**
   * Crashes a node: its memory, timers and queued work are lost, and its disk loses unsynced writes
   * if {@code loseUnsyncedWrites} (a power loss; {@code false} is a process crash whose writes the
   * OS still flushes). With a duration the node restarts at the end, recovering from disk, unless
   * another active crash or zone outage still keeps it down. A node already down when the crash
   * comes stays as it is; if it is down because of an active fault, this crash joins that outage
   * and the node restarts only when both have ended.
   */
  @FaultType(value = "crash", lasts = DurationRule.OPTIONAL)
  record Crash(String node, boolean loseUnsyncedWrites) implements NodeFault {
    /** Validates the name. */
    public Crash {
      Text.name("crash: node", node);
    }

    /** A crash that loses unsynced writes. */
    public Crash(String node) {
      this(node, true);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.crash(List.of(target.nodeId(node)), loseUnsyncedWrites);
    }

    @Override
    public String toString() {
      return "crash " + node + (loseUnsyncedWrites ? "" : " (keeps unsynced writes)");
    }
  }

  /**
   * Restarts a crashed node now, recovering from its disk; does nothing if it is up. It overrides
   * every crash still active on the node, so their later reverts leave the node alone.
   */
  @FaultType(value = "restart", lasts = DurationRule.NONE)
  record Restart(String node) implements NodeFault {
    /** Validates the name. */
    public Restart {
      Text.name("restart: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.restart(target.nodeId(node));
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "restart " + node;
    }
  }

  /**
   * Stalls a node for the event's duration, like a stop-the-world GC pause: what falls due
   * meanwhile waits and is handled when it resumes; its clock keeps running. Needs a duration.
   * Pausing a node that is down does nothing. Overlapping pauses of one node keep it paused until
   * the last ends (the kernel extends a pause). The pause ends by itself, so there is nothing to
   * revert; a crash during the pause ends it early.
   */
  @FaultType(value = "pause", lasts = DurationRule.REQUIRED)
  record Pause(String node) implements NodeFault {
    /** Validates the name. */
    public Pause {
      Text.name("pause: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.pause(target.nodeId(node), durationNanos);
      return FaultTarget.NOTHING; // the kernel resumes the node by itself
    }

    @Override
    public String toString() {
      return "pause " + node;
    }
  }

  /**
   * Makes a node's CPU {@code factor} times slower (a gray failure): service times submitted while
   * it lasts are multiplied. Reverting restores the factor in force without this fault; jobs
   * already started keep the time they were given.
   */
  @FaultType(value = "slow-node", lasts = DurationRule.OPTIONAL)
  record SlowNode(String node, double factor) implements NodeFault {
    /** Validates the fields: factor finite and > 0. */
    public SlowNode {
      Text.name("slow-node: node", node);
      positiveFactor("slow-node: factor", factor);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.slowDown(target.nodeId(node), factor);
    }

    @Override
    public String toString() {
      return "slow-node " + node + " x" + Text.decimal(factor);
    }
  }

  /**
   * Crashes every node of a zone (or cell) at once, losing unsynced writes (a power loss); with a
   * duration they restart at the end, each as a {@link Crash} would. The zone's nodes are those
   * present when the schedule was installed.
   */
  @FaultType(value = "zone-outage", lasts = DurationRule.OPTIONAL)
  record ZoneOutage(String zone) implements NodeFault {
    /** Validates the name. */
    public ZoneOutage {
      Text.name("zone-outage: zone", zone);
    }

    @Override
    public SortedSet<String> zoneNames() {
      return single(zone);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.crash(target.nodesInZone(zone), true);
    }

    @Override
    public String toString() {
      return "zone-outage " + zone;
    }
  }

  /** Tells a node to drop its caches now ({@code Node.onCacheFlush}); nothing if it is down. */
  @FaultType(value = "cache-flush", lasts = DurationRule.NONE)
  record CacheFlush(String node) implements NodeFault {
    /** Validates the name. */
    public CacheFlush {
      Text.name("cache-flush: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.simulation().flushCache(target.nodeId(node));
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "cache-flush " + node;
    }
  }
}
