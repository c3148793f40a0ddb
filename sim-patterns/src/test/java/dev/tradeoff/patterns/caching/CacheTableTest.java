package dev.tradeoff.patterns.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cache node's memory: TTL, LRU eviction, and set-if-newer with tombstones. */
class CacheTableTest {
  private static final long S = 1_000_000_000L;

  @Test
  void entriesExpireAfterTheirTtl() {
    CacheTable t = new CacheTable(10, 2 * S, false);
    t.install(1, 100, 0);
    assertEquals(100, t.lookup(1, 2 * S - 1).value);
    assertNull(t.lookup(1, 2 * S));
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvicted() {
    CacheTable t = new CacheTable(2, 0, false);
    t.install(1, 10, 0);
    t.install(2, 20, 0);
    t.lookup(1, 1); // 2 is now the least recently used
    t.install(3, 30, 2);
    assertNotNull(t.lookup(1, 3));
    assertNull(t.lookup(2, 3));
    assertNotNull(t.lookup(3, 3));
    assertEquals(1, t.evictions());
  }

  @Test
  void unversionedALateSetOverwritesAfterADelete() {
    CacheTable t = new CacheTable(10, 10 * S, false);
    t.invalidate(1, 200, 0); // a writer wrote 200 and deleted
    assertTrue(t.install(1, 100, 1)); // a slow reader's fill of the old value lands
    assertEquals(100, t.lookup(1, 2).value);
  }

  @Test
  void versionedADeleteLeavesATombstoneThatRefusesOlderValuesUntilTheTtl() {
    CacheTable t = new CacheTable(10, 10 * S, true);
    t.install(1, 100, 0);
    t.invalidate(1, 200, 1);
    assertNull(t.lookup(1, 2), "a tombstone is a miss");
    assertFalse(t.install(1, 100, 3), "older than the version written");
    assertTrue(t.install(1, 200, 4), "the version written, read back from the DB");
    assertFalse(t.install(1, 150, 5), "set-if-newer against a live value too");
    assertEquals(200, t.lookup(1, 6).value);
    t.invalidate(1, 300, 7);
    assertTrue(t.install(1, 250, 7 + 10 * S), "the tombstone expired with the TTL");
  }
}
