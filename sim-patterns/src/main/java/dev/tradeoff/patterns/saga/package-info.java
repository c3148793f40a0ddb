/**
 * Sagas and two-phase commit over the same business work, as Temporal, Camunda and microservices.io
 * readers know them. {@link dev.tradeoff.patterns.saga.Saga} is the orchestrated saga: {@link
 * dev.tradeoff.patterns.saga.OrchestratorNode} (a durable saga log, step timeouts, retries with
 * idempotency keys, compensations in reverse order, a pivot) over {@link
 * dev.tradeoff.patterns.saga.ServiceNode}s (a service with its own database and local transactions:
 * accounts, stock, one row per step, {@link dev.tradeoff.patterns.saga.Books}); choreographed, it
 * is {@link dev.tradeoff.patterns.saga.ChoreographedService}s reacting to each other's {@link
 * dev.tradeoff.patterns.saga.SagaEvent}s on the log, handed over by {@link
 * dev.tradeoff.patterns.saga.Listener}s, through transactional outboxes. {@link
 * dev.tradeoff.patterns.saga.TwoPhaseCommit} does the same work with {@link
 * dev.tradeoff.patterns.saga.CoordinatorNode}s (presumed abort, a decision log) and {@link
 * dev.tradeoff.patterns.saga.ParticipantNode}s (row locks from prepare to decision, in doubt while
 * the coordinator is away). The checkers judge the services' final disks and what the run recorded
 * ({@link dev.tradeoff.patterns.saga.Ledger}): {@link dev.tradeoff.patterns.saga.SagaAtomicity} and
 * {@link dev.tradeoff.patterns.saga.Atomicity}, {@link dev.tradeoff.patterns.saga.MoneyConserved},
 * {@link dev.tradeoff.patterns.saga.StockNonNegative}, {@link
 * dev.tradeoff.patterns.saga.StuckSagas}, {@link dev.tradeoff.patterns.saga.PaidNotReserved} and
 * {@link dev.tradeoff.patterns.saga.DoubleCharge}.
 */
package dev.tradeoff.patterns.saga;
