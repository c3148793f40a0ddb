package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;

/** What drivers and cache nodes say to each other (memcached's get/set/delete, plus calls). */
final class Messages {
  private Messages() {}

  /** Cache-aside: look {@code key} up for request {@code id}. */
  record Get(int id, long key) {}

  /**
   * The answer to a {@link Get}. On a hit, {@code value} is the cached value; a non-zero {@code
   * lease} then asks the reader to refresh it in the background (soft TTL). On a miss, a non-zero
   * {@code lease} makes the reader the one filler of the key: its {@link Set} must carry it.
   */
  record Lookup(int id, long key, boolean hit, long value, long lease) {}

  /** Cache-aside: install {@code value}; a non-zero lease must still be the key's current one. */
  record Set(long key, long value, long lease) {}

  /**
   * Cache-aside: drop {@code key} after a write of {@code version}; answered when {@code id} ≥ 0.
   */
  record Delete(int id, long key, long version) {}

  /** A {@link Delete} is done. */
  record Deleted(int id) {}

  /** Read-/write-through and write-behind: the cache node serves the whole request. */
  record Call(Request request) {}

  /** The cache node's answer to a {@link Call}. */
  record Answer(Response response) {}
}
