package dev.tradeoff.patterns.saga;

/**
 * The knobs of a choreographed saga beyond the shared ones in {@link Settings}.
 *
 * @param outbox whether a service writes each event to an outbox table in the same local
 *     transaction as the state change (and republishes the rows still there after a restart), or
 *     hands it to its producer after the commit, from memory (a dual write: a crash loses it)
 * @param listeners members of the consumer group that hands events to the services
 * @param relayIntervalNanos how often a service deletes the outbox rows the log acknowledged
 */
record Choreography(boolean outbox, int listeners, long relayIntervalNanos) {}
