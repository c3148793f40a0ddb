package dev.tradeoff.patterns.routing;

import java.util.Arrays;

/**
 * {@link KeyRouter#consistent}: shard {@code s}'s virtual node {@code v} sits at {@code mix(s, v)}
 * on the ring of 64-bit values; a key belongs to the first virtual node at or after its hash,
 * wrapping around. Positions depend only on (shard, vnode), so adding a shard only takes keys from
 * the others.
 */
final class Ring implements KeyRouter {
  private final int shards;
  private final int vnodes;
  private final long[] points; // sorted ring positions (as unsigned)
  private final int[] owners; // owner shard of each point

  Ring(int shards, int vnodes) {
    if (shards < 1 || vnodes < 1) {
      throw new IllegalArgumentException(
          "need shards >= 1 and vnodes >= 1, got " + shards + " and " + vnodes);
    }
    this.shards = shards;
    this.vnodes = vnodes;
    int n = shards * vnodes;
    long[][] pairs = new long[n][];
    for (int s = 0; s < shards; s++) {
      for (int v = 0; v < vnodes; v++) {
        // Flip the sign bit so that signed order is unsigned order.
        long position =
            KeyRouter.mix(KeyRouter.mix(s) ^ (v * 0x632BE59BD9B4E019L)) ^ Long.MIN_VALUE;
        pairs[s * vnodes + v] = new long[] {position, s};
      }
    }
    Arrays.sort(
        pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    points = new long[n];
    owners = new int[n];
    for (int i = 0; i < n; i++) {
      points[i] = pairs[i][0];
      owners[i] = (int) pairs[i][1];
    }
  }

  @Override
  public int shardOf(long key) {
    long h = KeyRouter.mix(key) ^ Long.MIN_VALUE;
    int i = Arrays.binarySearch(points, h);
    if (i < 0) {
      i = -i - 1;
    }
    return owners[i == points.length ? 0 : i];
  }

  @Override
  public int shards() {
    return shards;
  }

  @Override
  public KeyRouter resized(int newShards) {
    return new Ring(newShards, vnodes);
  }

  @Override
  public String toString() {
    return "consistent(" + shards + " shards, " + vnodes + " vnodes)";
  }
}
