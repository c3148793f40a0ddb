package dev.tradeoff.core.check;

/**
 * A checker that judges what a run did during its incident, such as {@link BlastRadius}. The runner
 * that injected faults tells it, before {@link Checker#check}, when the first fault began and the
 * last one ended; a run without faults tells it nothing, and it keeps the window it was built with.
 */
public interface Incident {
  /** The run's faults spanned true times {@code [startNanos, endNanos)}. */
  void faultsSpanned(long startNanos, long endNanos);
}
