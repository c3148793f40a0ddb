package dev.tradeoff.patterns.caching;

import java.util.Locale;

/** Where reads and writes meet the database. */
enum Policy {
  /** The client's driver reads the cache, fills it from the DB on a miss, deletes on write. */
  CACHE_ASIDE,
  /** The cache node reads the DB on a miss; writes go through it to the DB, then invalidate. */
  READ_THROUGH,
  /** The cache node writes the DB, then installs the value, before acknowledging. */
  WRITE_THROUGH,
  /** The cache node acknowledges at once and flushes dirty keys to the DB in batches. */
  WRITE_BEHIND;

  /** The policy a scenario writes as {@code word} ({@code cache-aside}, …). */
  static Policy of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
