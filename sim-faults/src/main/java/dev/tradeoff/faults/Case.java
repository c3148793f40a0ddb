package dev.tradeoff.faults;

import java.util.Objects;

/**
 * One run to test or shrink: the seed of the run, the fault schedule installed into it, and the
 * workload size, for now the run's length. A value: equal cases give equal runs.
 *
 * @param seed the simulation's seed
 * @param schedule the faults, installed before the run starts
 * @param runNanos how long the run lasts, true nanoseconds, {@code > 0}
 */
public record Case(long seed, FaultSchedule schedule, long runNanos) {

  /** Validates the run length. */
  public Case {
    Objects.requireNonNull(schedule, "schedule");
    if (runNanos <= 0) {
      throw new IllegalArgumentException("case: runNanos must be > 0, got " + runNanos);
    }
  }

  /** This case with another schedule. */
  public Case withSchedule(FaultSchedule newSchedule) {
    return new Case(seed, newSchedule, runNanos);
  }

  /** This case with another run length. */
  public Case withRunNanos(long newRunNanos) {
    return new Case(seed, schedule, newRunNanos);
  }

  @Override
  public String toString() {
    return "seed "
        + seed
        + ", run "
        + Text.duration(runNanos)
        + ", "
        + schedule.size()
        + " fault events"
        + (schedule.isEmpty() ? "" : ":\n" + schedule);
  }
}
