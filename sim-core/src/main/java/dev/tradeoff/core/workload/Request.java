package dev.tradeoff.core.workload;

import dev.tradeoff.core.history.OpKind;

/**
 * A client's request to a store. {@code op} is the operation's index in the history and comes back
 * in the {@link Response}.
 *
 * @param op the operation's index in the history
 * @param kind read, write, compare-and-set or append
 * @param key the key
 * @param value the value written, or nil
 * @param expected the value a compare-and-set expects, or nil
 * @param budgetNanos how long the sender will still wait for the answer, counted from when it sent
 *     the request (a deadline propagated as a remaining budget, as gRPC sends its timeout); {@link
 *     #NO_DEADLINE} when it waits for ever. A server that honours deadlines turns it into a
 *     deadline on its own clock when the request arrives, so time in flight is not charged.
 */
public record Request(int op, OpKind kind, long key, long value, long expected, long budgetNanos) {
  /** The budget of a request whose sender waits for ever. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  /** A request without a deadline. */
  public Request(int op, OpKind kind, long key, long value, long expected) {
    this(op, kind, key, value, expected, NO_DEADLINE);
  }

  /** Checks the budget. */
  public Request {
    if (budgetNanos < 0) {
      throw new IllegalArgumentException("budget must be >= 0, got " + budgetNanos);
    }
  }

  /** This request with a remaining budget of {@code newBudgetNanos}. */
  public Request withBudget(long newBudgetNanos) {
    return new Request(op, kind, key, value, expected, newBudgetNanos);
  }

  /** Whether the sender stated a deadline. */
  public boolean hasDeadline() {
    return budgetNanos != NO_DEADLINE;
  }
}
