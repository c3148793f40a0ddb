package dev.tradeoff.patterns.saga;

/**
 * The messages between the orchestrator and the services. Clients talk to the orchestrator (and
 * read balances from the accounts service) with the workload's own {@link
 * dev.tradeoff.core.workload.Request} and {@link dev.tradeoff.core.workload.Response}.
 */
final class Messages {
  private Messages() {}

  /**
   * Run step {@code step} of saga {@code saga} forward, or its compensation when {@code
   * compensate}. {@code attempt} counts from 1; with idempotency keys every attempt of one step and
   * direction carries the same key, {@link #key()}, unless the step was refused and is tried anew
   * ({@code retry} counts those new tries: a refusal past the pivot is transient, and a retry under
   * the refused key would only hear the recorded refusal again).
   */
  record Do(
      long saga,
      int step,
      boolean compensate,
      long customer,
      long product,
      int attempt,
      int retry) {
    /** The idempotency key of this step in this direction and try. */
    String key() {
      return Books.requestKey(saga, step, compensate, retry);
    }
  }

  /**
   * The answer to {@link Do}: {@code ok}, or refused for {@code reason} (insufficient funds, out of
   * stock, a business failure). A compensation is never refused.
   */
  record Done(long saga, int step, boolean compensate, boolean ok, String reason) {}

  /**
   * Choreography: a listener hands the service event {@code eventId} to react to; {@code request}
   * comes back in {@link Handled} once the reaction is durable. Sent again after the step timeout.
   */
  record Handle(long eventId, long request) {}

  /** Choreography: the reaction to the event of {@code request} is durable (or was before). */
  record Handled(long request) {}

  /**
   * Isolation: saga {@code saga} passed its pivot (or completed, with none), so its reservations
   * will stand; a service holding a semantic lock for it lets it go. Sent once when the saga passes
   * the pivot, and again in answer to each {@link Inquire} once nothing will undo its reservations
   * (past the pivot, ended, or unknown to the orchestrator's log).
   */
  record Confirm(long saga) {}

  /**
   * Isolation: a service has held saga {@code saga}'s semantic lock for an inquiry interval without
   * its {@link Confirm} and asks the saga's orchestrator again. Answered with a {@link Confirm}, or
   * not at all while the saga may still compensate (the service asks again at its next sweep).
   */
  record Inquire(long saga) {}
}
