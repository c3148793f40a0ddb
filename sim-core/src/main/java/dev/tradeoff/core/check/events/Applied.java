package dev.tradeoff.core.check.events;

/**
 * One application of an event's effect by a consumer, durable in the consumer's store at {@code
 * appliedNanos}. An application a crash undid (never made durable) is not recorded; an event whose
 * effect a naive consumer applied twice is two {@code Applied}.
 *
 * @param eventId the event's id
 * @param aggregate the aggregate the event is about
 * @param version the aggregate's version the event announces
 * @param value the value the event carries
 * @param consumer the node that applied it, for witnesses
 * @param appliedNanos true time the effect became durable
 */
public record Applied(
    long eventId, long aggregate, long version, long value, String consumer, long appliedNanos) {}
