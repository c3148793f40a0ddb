package dev.tradeoff.patterns.saga;

/**
 * The messages of two-phase commit between a coordinator and the participants; each names one
 * transaction and one step (a participant may run several steps of one transaction).
 */
final class TpcMessages {
  private TpcMessages() {}

  /** Phase one: lock the step's row, check it can be done, make it durable, and vote. */
  record Prepare(long txn, int step, long customer, long product) {}

  /** A participant's vote: {@code yes} if the step is prepared (durable, locks held). */
  record Vote(long txn, int step, boolean yes) {}

  /** Phase two: apply the prepared step and release its locks. */
  record Commit(long txn, int step) {}

  /** Phase two: drop the prepared step (or the waiting prepare) and release its locks. */
  record Abort(long txn, int step) {}

  /** A commit was applied (or had been). */
  record Committed(long txn, int step) {}

  /** A participant in doubt asks for the decision. */
  record Status(long txn, int step) {}
}
