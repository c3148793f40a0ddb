package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.random.Distribution;
import java.util.List;

/**
 * The knobs of an event-sourced system, read from the scenario.
 *
 * @param name the system's name: the store is {@code <name>-store}, handlers {@code
 *     <name>-handler-<i>}, series {@code <measure>/<name>}
 * @param handlerNames the command handlers' node names
 * @param zone every node's zone
 * @param workers CPU servers per handler
 * @param queue CPU queue per handler
 * @param service a handler's CPU time per command or read, besides rebuilding
 * @param replayCostNanos a handler's CPU time to apply one replayed event
 * @param snapshotCostNanos a handler's CPU time to load (deserialise) a snapshot
 * @param snapshotEvery a handler that appends version {@code v} with {@code v % snapshotEvery == 0}
 *     saves a snapshot; 0 never
 * @param cache whether handlers keep aggregates in memory between commands
 * @param lockAggregates whether a handler runs one command per aggregate at a time, queueing the
 *     rest
 * @param maxRetries how many times a command is reloaded and re-appended after a conflict before it
 *     fails
 * @param concurrency whether the store checks the expected version
 * @param storeWorkers CPU servers of the store
 * @param storeQueue CPU queue of the store
 * @param storeService the store's CPU time per request
 * @param readCostNanos the store's CPU time per event or snapshot read for a load
 * @param syncIntervalNanos 0: the store syncs its disk before acknowledging each append; otherwise
 *     it acknowledges at once and syncs every interval
 * @param storeTimeoutNanos how long a handler waits for the store before giving a request up
 */
record Settings(
    String name,
    List<String> handlerNames,
    String zone,
    int workers,
    int queue,
    Distribution service,
    long replayCostNanos,
    long snapshotCostNanos,
    int snapshotEvery,
    boolean cache,
    boolean lockAggregates,
    int maxRetries,
    Concurrency concurrency,
    int storeWorkers,
    int storeQueue,
    Distribution storeService,
    long readCostNanos,
    long syncIntervalNanos,
    long storeTimeoutNanos) {

  /** How the store treats an append's expected version. */
  enum Concurrency {
    /**
     * Optimistic concurrency: an append whose expected version is not the stream's current version
     * is refused with the current version (EventStoreDB's expected revision, a unique constraint on
     * (stream, version) in a table).
     */
    EXPECTED_VERSION,
    /**
     * No check: the event is stored with the version the handler gave it, like an events table
     * without a unique constraint on (stream, version) — two racing commands both get in.
     */
    NONE
  }

  /** Copies the names. */
  Settings {
    handlerNames = List.copyOf(handlerNames);
  }

  /** The event store's node name. */
  String storeName() {
    return name + "-store";
  }

  /** Number of handlers. */
  int handlers() {
    return handlerNames.size();
  }

  /** Whether the store refuses appends at a stale expected version. */
  boolean checksVersions() {
    return concurrency == Concurrency.EXPECTED_VERSION;
  }
}
