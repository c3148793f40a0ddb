/**
 * Sagas, as Temporal, Camunda and microservices.io readers know them: {@link
 * dev.tradeoff.patterns.saga.Saga} (the orchestrated pattern), {@link
 * dev.tradeoff.patterns.saga.OrchestratorNode} (a durable saga log, step timeouts, retries with
 * idempotency keys, compensations in reverse order, a pivot), {@link
 * dev.tradeoff.patterns.saga.ServiceNode} (a service with its own database and local transactions:
 * accounts, stock, one row per step) and the checkers {@link
 * dev.tradeoff.patterns.saga.MoneyConserved}, {@link dev.tradeoff.patterns.saga.StockNonNegative},
 * {@link dev.tradeoff.patterns.saga.StuckSagas}, {@link dev.tradeoff.patterns.saga.PaidNotReserved}
 * and {@link dev.tradeoff.patterns.saga.DoubleCharge}, which judge the services' final disks and
 * what the run recorded.
 */
package dev.tradeoff.patterns.saga;
