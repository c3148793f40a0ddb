package dev.tradeoff.patterns.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRouterTest {
  private static final int KEYS = 100_000;

  private static double movedShare(KeyRouter from, KeyRouter to) {
    int moved = 0;
    for (long k = 0; k < KEYS; k++) {
      if (from.shardOf(k) != to.shardOf(k)) {
        moved++;
      }
    }
    return moved / (double) KEYS;
  }

  @Test
  void resizingFourToFiveMovesFourFifthsWithHashModAndAboutAFifthWithConsistentHashing() {
    double hash = movedShare(KeyRouter.hashMod(4), KeyRouter.hashMod(5));
    double ring = movedShare(KeyRouter.consistent(4, 128), KeyRouter.consistent(5, 128));
    assertEquals(0.8, hash, 0.01, "hash mod N moves n/(n+1)");
    assertEquals(0.2, ring, 0.05, "consistent hashing moves about 1/(n+1)");
  }

  @Test
  void consistentHashingOnlyMovesKeysToTheNewShard() {
    KeyRouter four = KeyRouter.consistent(4, 64);
    KeyRouter five = four.resized(5);
    for (long k = 0; k < KEYS; k++) {
      int before = four.shardOf(k);
      int after = five.shardOf(k);
      assertTrue(before == after || after == 4, "key " + k + " moved " + before + " -> " + after);
    }
  }

  @Test
  void sharesAreEvenEnoughAndEveryShardIsUsed() {
    for (KeyRouter r :
        new KeyRouter[] {
          KeyRouter.hashMod(7), KeyRouter.consistent(7, 256), KeyRouter.ranges(7, KEYS)
        }) {
      int[] counts = new int[r.shards()];
      for (long k = 0; k < KEYS; k++) {
        counts[r.shardOf(k)]++;
      }
      for (int c : counts) {
        assertEquals(KEYS / 7.0, c, KEYS / 7.0 * 0.25, r + " share " + c);
      }
    }
  }

  @Test
  void rangesAreContiguousAndOrdered() {
    KeyRouter r = KeyRouter.ranges(4, 1_000);
    assertEquals(0, r.shardOf(0));
    assertEquals(0, r.shardOf(249));
    assertEquals(1, r.shardOf(250));
    assertEquals(3, r.shardOf(999));
    assertEquals(0, r.shardOf(1_000), "keys beyond the space wrap");
    assertEquals(3, KeyRouter.ranges(4, Long.MAX_VALUE).shardOf(Long.MAX_VALUE - 1));
  }

  @Test
  void consistentHashingMovesAboutKOverNOverManySeedsOfShardCounts() {
    for (int n = 2; n <= 16; n++) {
      double moved = movedShare(KeyRouter.consistent(n, 128), KeyRouter.consistent(n + 1, 128));
      double expected = 1.0 / (n + 1);
      assertEquals(expected, moved, expected * 0.35, n + " -> " + (n + 1) + " shards");
    }
  }
}
