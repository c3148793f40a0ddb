package dev.tradeoff.faults;

import static dev.tradeoff.faults.FaultRules.single;

import dev.tradeoff.core.kernel.LocalClock;
import dev.tradeoff.core.kernel.Simulation;
import java.util.SortedSet;

/**
 * Faults of a node's local clock: a fixed offset, a drift, a jump. Each record validates its fields
 * when built and reverts exactly what it changed; see {@link Fault}.
 */
public sealed interface ClockFault extends Fault {
  /**
   * Steps a node's clock by {@code offsetNanos}; reverting steps it back by the same amount, which
   * is exact whatever else moved the clock meanwhile (steps add up). Pending timers are not moved.
   */
  @FaultType(value = "clock-skew", lasts = DurationRule.OPTIONAL)
  record ClockSkew(String node, long offsetNanos) implements ClockFault {
    /** Validates the fields; a zero offset would do nothing. */
    public ClockSkew {
      Text.name("clock-skew: node", node);
      if (offsetNanos == 0 || offsetNanos == Long.MIN_VALUE) {
        throw new IllegalArgumentException(
            "clock-skew: offsetNanos must be non-zero (and not Long.MIN_VALUE), got "
                + offsetNanos);
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      Simulation sim = target.simulation();
      LocalClock clock = sim.clock(target.nodeId(node));
      clock.jump(sim.nowNanos(), offsetNanos);
      return () -> clock.jump(sim.nowNanos(), -offsetNanos);
    }

    @Override
    public String toString() {
      return "clock-skew " + node + " " + Text.signedDuration(offsetNanos);
    }
  }

  /**
   * Sets a node's clock drift ({@code 0.1} runs 10% fast); reverting restores the drift in force
   * without this fault. The time the clock gained or lost meanwhile stays gained or lost, as on a
   * real machine: the revert undoes the rate, not the reading.
   */
  @FaultType(value = "clock-drift", lasts = DurationRule.OPTIONAL)
  record ClockDrift(String node, double drift) implements ClockFault {
    /** Validates the fields: drift finite and > -1. */
    public ClockDrift {
      Text.name("clock-drift: node", node);
      if (!(drift > -1) || !Double.isFinite(drift)) {
        throw new IllegalArgumentException(
            "clock-drift: drift must be finite and > -1, got " + drift);
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.drift(target.nodeId(node), drift);
    }

    @Override
    public String toString() {
      return "clock-drift " + node + " " + Text.signedPercent(drift);
    }
  }

  /** Steps a node's clock by {@code deltaNanos} once, for good: an NTP step, never reverted. */
  @FaultType(value = "clock-jump", lasts = DurationRule.NONE)
  record ClockJump(String node, long deltaNanos) implements ClockFault {
    /** Validates the fields; a zero step would do nothing. */
    public ClockJump {
      Text.name("clock-jump: node", node);
      if (deltaNanos == 0) {
        throw new IllegalArgumentException("clock-jump: deltaNanos must be non-zero");
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      Simulation sim = target.simulation();
      sim.clock(target.nodeId(node)).jump(sim.nowNanos(), deltaNanos);
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "clock-jump " + node + " " + Text.signedDuration(deltaNanos);
    }
  }
}
