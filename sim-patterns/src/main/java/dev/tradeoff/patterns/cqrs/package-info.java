/**
 * CQRS on the partitioned log ({@link dev.tradeoff.patterns.cqrs.Cqrs}, the pattern {@code cqrs}):
 * services own aggregates and commit commands to their databases ({@link
 * dev.tradeoff.patterns.cqrs.ServiceNode}), announcing each change as an event through a
 * transactional outbox and its relay or by a dual write; a consumer group of projectors ({@link
 * dev.tradeoff.patterns.cqrs.Projector}, the log's group protocol with a handler of its own)
 * applies the events to a read model ({@link dev.tradeoff.patterns.cqrs.ReadModelNode}),
 * idempotently or not; queries read the read model, optionally waiting for the version the client's
 * last command produced or reading the write model ({@link dev.tradeoff.patterns.cqrs.CqrsDriver}).
 * {@link dev.tradeoff.patterns.cqrs.CqrsFacts} records what the event checkers judge.
 */
package dev.tradeoff.patterns.cqrs;
