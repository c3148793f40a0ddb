package dev.tradeoff.faults;

import java.util.Objects;

/**
 * The span of true time during which one applied fault was in force, for reports to shade. Instant
 * faults have {@code endNanos == startNanos}; a fault not (yet) reverted has {@code endNanos ==
 * Long.MAX_VALUE} unless clamped to a run's end by {@link FaultInjector#windows(long)}.
 *
 * @param startNanos when the fault was applied
 * @param endNanos when it was reverted; {@code >= startNanos}
 * @param kind the fault's {@link Fault#kind()}
 * @param description the fault as printed, e.g. {@code partition {n1} | {n2,n3}}
 */
public record FaultWindow(long startNanos, long endNanos, String kind, String description) {

  /** Validates the fields. */
  public FaultWindow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    if (endNanos < startNanos) {
      throw new IllegalArgumentException(
          "fault window ends before it starts: " + endNanos + " < " + startNanos);
    }
  }

  /** Whether the fault was still in force when the window was taken. */
  public boolean isOpen() {
    return endNanos == Long.MAX_VALUE;
  }

  @Override
  public String toString() {
    String end = isOpen() ? "..." : Text.instant(endNanos);
    return Text.instant(startNanos) + " to " + end + ": " + description;
  }
}
