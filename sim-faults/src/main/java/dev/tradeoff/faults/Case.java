package dev.tradeoff.faults;

import java.util.Objects;

/**
 * One run to test or shrink: the seed of the run, the fault schedule installed into it, and the
 * workload's size — the run's length and the number of clients the simulation builder should
 * create. A value: equal cases give equal runs.
 *
 * @param seed the simulation's seed
 * @param schedule the faults, installed before the run starts
 * @param runNanos how long the run lasts, true nanoseconds, {@code > 0}
 * @param clients how many clients the workload has, {@code >= 1}; builders that have no clients
 *     ignore it
 */
public record Case(long seed, FaultSchedule schedule, long runNanos, int clients) {

  /** Validates the run length and client count. */
  public Case {
    Objects.requireNonNull(schedule, "schedule");
    if (runNanos <= 0) {
      throw new IllegalArgumentException("case: runNanos must be > 0, got " + runNanos);
    }
    if (clients < 1) {
      throw new IllegalArgumentException("case: clients must be >= 1, got " + clients);
    }
  }

  /** A case with one client. */
  public Case(long seed, FaultSchedule schedule, long runNanos) {
    this(seed, schedule, runNanos, 1);
  }

  /** This case with another schedule. */
  public Case withSchedule(FaultSchedule newSchedule) {
    return new Case(seed, newSchedule, runNanos, clients);
  }

  /** This case with another run length. */
  public Case withRunNanos(long newRunNanos) {
    return new Case(seed, schedule, newRunNanos, clients);
  }

  /** This case with another number of clients. */
  public Case withClients(int newClients) {
    return new Case(seed, schedule, runNanos, newClients);
  }

  @Override
  public String toString() {
    return "seed "
        + seed
        + ", run "
        + Text.duration(runNanos)
        + (clients == 1 ? "" : ", " + clients + " clients")
        + ", "
        + schedule.size()
        + " fault events"
        + (schedule.isEmpty() ? "" : ":\n" + schedule);
  }
}
