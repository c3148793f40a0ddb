package dev.tradeoff.core.check.events;

/**
 * A state change the write model committed and still holds at the end of the run (durable in its
 * database), with the event that must announce it.
 *
 * @param eventId the event's id, unique in the run
 * @param aggregate the aggregate (entity) it changed
 * @param version the aggregate's version after the change: 1, 2, … per aggregate
 * @param value the value the change set
 * @param committedNanos true time the local transaction became durable
 */
public record Change(long eventId, long aggregate, long version, long value, long committedNanos) {}
