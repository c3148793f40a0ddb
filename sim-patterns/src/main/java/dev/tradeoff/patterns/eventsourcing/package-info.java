/**
 * Event sourcing with optimistic concurrency, as EventStoreDB and Axon users know it: {@link
 * dev.tradeoff.patterns.eventsourcing.EventSourcing} (the pattern), {@link
 * dev.tradeoff.patterns.eventsourcing.EventStoreNode} (one stream per aggregate on its disk, append
 * with an expected version), {@link dev.tradeoff.patterns.eventsourcing.HandlerNode} (command
 * handlers that rebuild aggregates from snapshots and events, costed in CPU time) and the checkers
 * {@link dev.tradeoff.patterns.eventsourcing.LostEvents}, {@link
 * dev.tradeoff.patterns.eventsourcing.StreamOrder} and {@link
 * dev.tradeoff.patterns.eventsourcing.AggregateFold}, which judge the final streams.
 */
package dev.tradeoff.patterns.eventsourcing;
