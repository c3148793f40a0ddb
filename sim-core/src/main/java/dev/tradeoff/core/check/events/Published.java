package dev.tradeoff.core.check.events;

/**
 * An event as the log holds it at the end of the run. A record appended twice (a retried publish)
 * is two {@code Published} with the same {@code eventId}.
 *
 * @param eventId the event's id
 * @param aggregate the aggregate it announces a change of
 * @param version the aggregate's version the change produced
 * @param value the value the change set
 * @param partition the partition holding it
 * @param offset its offset in that partition
 */
public record Published(
    long eventId, long aggregate, long version, long value, int partition, long offset) {}
