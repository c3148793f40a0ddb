package dev.tradeoff.patterns.eventsourcing;

/**
 * One event of an aggregate's stream: the command that wrote {@code value} to aggregate {@code
 * aggregate} was accepted as version {@code version}. Immutable; stored on the event store's disk
 * as is.
 *
 * @param aggregate the aggregate (the workload's key)
 * @param version the version the handler gave it: one more than the version of the state it was
 *     decided on ({@link #decidedOn()}); with expected-version concurrency the store accepts it
 *     only when that is the stream's next version
 * @param value the value the command wrote (unique within a run)
 * @param decidedOn the aggregate state the handler validated the command against; a command is
 *     applied on a stale state — a lost update — when this differs from the fold of the events
 *     before it in the stream
 * @param handler the handler that appended it, for witnesses
 */
record Event(long aggregate, long version, long value, AggregateState decidedOn, String handler) {}
