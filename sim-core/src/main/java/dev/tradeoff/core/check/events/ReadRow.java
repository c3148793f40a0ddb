package dev.tradeoff.core.check.events;

/**
 * A read model's final row for one aggregate: what it shows at the end of the run.
 *
 * @param aggregate the aggregate the row is about
 * @param version the aggregate's version the row shows
 * @param value the value the row shows
 * @param events how many event effects the row has absorbed (a duplicated effect counts twice)
 */
public record ReadRow(long aggregate, long version, long value, long events) {}
