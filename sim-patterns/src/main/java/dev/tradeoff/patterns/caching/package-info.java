/**
 * Caching in front of a database: {@link dev.tradeoff.patterns.caching.Cached} (the pattern {@code
 * cached}: cache-aside, read-through, write-through, write-behind over any nested backend), {@link
 * dev.tradeoff.patterns.caching.CacheNode} (a memcached/Redis-like node: TTL, soft TTL, LRU,
 * versioned sets, leases), {@link dev.tradeoff.patterns.caching.CacheDriver} (the client's driver;
 * for cache-aside it holds the whole read/fill/invalidate logic) and {@link
 * dev.tradeoff.patterns.caching.Ledger} (god's-view measurement behind the series and the
 * lost-writes checker — it never steers the system).
 */
package dev.tradeoff.patterns.caching;
