package dev.tradeoff.faults;

import java.util.Objects;

/**
 * A fault placed in time: applied at {@code atNanos} of true simulated time and, when {@code
 * durationNanos > 0}, reverted at {@code atNanos + durationNanos}.
 *
 * <p>Prints as {@code at 1.200s for 300ms: partition {n1} | {n2,n3}}, or {@code at 5s: crash n2}
 * without a duration.
 *
 * @param atNanos when the fault is applied, true nanoseconds from the start of the run; {@code >=
 *     0}
 * @param durationNanos how long it lasts; {@code >= 0}, {@code 0} meaning it is never reverted;
 *     must be 0 for instant faults and {@code > 0} for faults that need one (see {@link
 *     Fault#durationRule()})
 * @param fault what goes wrong
 */
public record FaultEvent(long atNanos, long durationNanos, Fault fault) {

  /** Validates the times against each other and against the fault's duration rule. */
  public FaultEvent {
    Objects.requireNonNull(fault, "fault");
    if (atNanos < 0) {
      throw new IllegalArgumentException(
          "fault event: atNanos must be >= 0, got " + atNanos + " (" + fault + ")");
    }
    if (durationNanos < 0) {
      throw new IllegalArgumentException(
          "fault event: durationNanos must be >= 0, got " + durationNanos + " (" + fault + ")");
    }
    if (atNanos + durationNanos < 0) {
      throw new IllegalArgumentException(
          "fault event: atNanos + durationNanos overflows (" + fault + ")");
    }
    switch (fault.durationRule()) {
      case NONE -> {
        if (durationNanos != 0) {
          throw new IllegalArgumentException(
              "fault event: "
                  + fault.kind()
                  + " is instantaneous, so durationNanos must be 0, got "
                  + Text.duration(durationNanos)
                  + " ("
                  + fault
                  + ")");
        }
      }
      case REQUIRED -> {
        if (durationNanos == 0) {
          throw new IllegalArgumentException(
              "fault event: " + fault.kind() + " needs durationNanos > 0 (" + fault + ")");
        }
      }
      case OPTIONAL -> {}
    }
  }

  /** An event without a duration. */
  public FaultEvent(long atNanos, Fault fault) {
    this(atNanos, 0, fault);
  }

  /** When the fault is reverted, or {@link Long#MAX_VALUE} if never. */
  public long endNanos() {
    return durationNanos > 0 ? atNanos + durationNanos : Long.MAX_VALUE;
  }

  /** Whether the fault is reverted at {@link #endNanos()}. */
  public boolean isReverted() {
    return durationNanos > 0;
  }

  @Override
  public String toString() {
    String when = "at " + Text.instant(atNanos);
    if (durationNanos > 0) {
      when += " for " + Text.duration(durationNanos);
    }
    return when + ": " + fault;
  }
}
