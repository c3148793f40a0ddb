package dev.tradeoff.core.check;

/**
 * A checker that judges what a run did after its faults ended, such as {@link Recovery}. The runner
 * that injected the faults tells it, before {@link Checker#check}, when the last one ended; a run
 * without faults tells it nothing.
 */
public interface AfterFaults {
  /** The last fault of the run ended at true time {@code endNanos}. */
  void lastFaultEndedAt(long endNanos);
}
