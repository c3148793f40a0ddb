package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.routing.KeyRouter;
import java.util.List;

/**
 * A cached system's values, as {@link Cached} read them.
 *
 * @param names cache node names, {@code <name>-0 …}
 * @param zone the cache nodes' zone
 * @param router which cache node owns a key (consistent hashing)
 * @param policy where reads and writes meet the DB
 * @param ttlNanos entry lifetime on the cache node's clock; 0 never expires
 * @param softTtlNanos age past which a hit is served and refreshed in the background; 0 off
 * @param capacity entries per cache node (LRU beyond it)
 * @param versioned set-if-newer: refuse to install a value older than the entry or tombstone held
 * @param singleFlight coalesce concurrent misses of a key (leases)
 * @param deleteDelayNanos cache-aside: a second delete this long after the first; 0 none
 * @param flushIntervalNanos write-behind: how often dirty keys are flushed
 * @param fillTimeoutNanos how long a lease or a cache node's DB read is waited for
 * @param workers CPU servers per cache node
 * @param queue CPU queue per cache node
 * @param service service time per cache request
 * @param backend the database
 * @param warmKeys keys {@code 0 … warmKeys-1} each cache node preloads (those it owns) at its first
 *     start, holding what the database holds then: nothing (nil); 0 starts cold
 */
record Settings(
    List<String> names,
    String zone,
    KeyRouter router,
    Policy policy,
    long ttlNanos,
    long softTtlNanos,
    int capacity,
    boolean versioned,
    boolean singleFlight,
    long deleteDelayNanos,
    long flushIntervalNanos,
    long fillTimeoutNanos,
    int workers,
    int queue,
    Distribution service,
    Store backend,
    int warmKeys) {

  /** The cache node owning {@code key}. */
  String nodeFor(long key) {
    return names.get(router.shardOf(key));
  }
}
