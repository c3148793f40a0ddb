package dev.tradeoff.patterns.cqrs;

/**
 * An event's content — the change it announces — as the write side created it. It stands for the
 * log record's payload: the record carries the event's id, and the read side looks the rest up.
 *
 * @param id unique in the run
 * @param aggregate the aggregate changed
 * @param version the aggregate's version after the change
 * @param value the value set
 */
record Event(long id, long aggregate, long version, long value) {}
