package dev.tradeoff.patterns.saga;

/**
 * An event a choreographed saga's service publishes when a local transaction of the saga commits:
 * its content, as the service's outbox row holds it. The log record carries the event's id (its
 * value) under the saga's id (its key, so one saga's events keep their order); a consumer looks the
 * rest up, as {@code cqrs} does.
 *
 * @param id unique in the run; consumers deduplicate on it
 * @param saga the saga
 * @param step the step it is about
 * @param kind what happened to the step
 * @param customer the customer the saga charges
 * @param product the product the saga reserves
 */
record SagaEvent(long id, long saga, int step, Kind kind, long customer, long product) {
  /** What happened to a step. */
  enum Kind {
    /** The step was applied (order-created, stock-reserved, payment-charged, …). */
    DONE,
    /** The step was refused for a business reason (out of stock, insufficient funds). */
    FAILED,
    /** The step was undone. */
    COMPENSATED
  }
}
