package dev.tradeoff.reports;

import java.util.Objects;

/**
 * A fault's window, shaded on every time chart.
 *
 * @param label the fault in words, e.g. {@code partition [n1] | [n2, n3]}
 * @param startNanos when it began
 * @param endNanos when it ended (equal to start for an instant fault such as a crash)
 */
public record FaultSpan(String label, long startNanos, long endNanos) {
  /** Rejects nulls and an end before the start. */
  public FaultSpan {
    Objects.requireNonNull(label, "label");
    if (endNanos < startNanos) {
      throw new IllegalArgumentException(label + ": ends before it starts");
    }
  }
}
