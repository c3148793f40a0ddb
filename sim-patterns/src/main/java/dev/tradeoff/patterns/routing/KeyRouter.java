package dev.tradeoff.patterns.routing;

/**
 * Which of {@link #shards()} shards owns a key. Implementations are immutable and deterministic:
 * the same key always maps to the same shard, on every machine, for the life of the router;
 * resizing makes a new router ({@link #resized}).
 */
public interface KeyRouter {
  /** The shard, in {@code [0, shards())}, that owns {@code key}. */
  int shardOf(long key);

  /** How many shards there are. */
  int shards();

  /** A router of the same kind over {@code newShards} shards. */
  KeyRouter resized(int newShards);

  /** {@code hash(key) mod n}: even, but resizing from n to n+1 moves about n/(n+1) of the keys. */
  static KeyRouter hashMod(int shards) {
    return new HashMod(shards);
  }

  /**
   * Contiguous key ranges: keys {@code [0, keySpace)} split into {@code shards} equal ranges, keys
   * outside wrap by {@code key mod keySpace}. Ordered, so range scans touch few shards, and a
   * skewed workload lands on one shard.
   */
  static KeyRouter ranges(int shards, long keySpace) {
    return new Ranges(shards, keySpace);
  }

  /**
   * Consistent hashing (Karger et al., 1997) with {@code vnodes} points per shard on a 64-bit ring:
   * resizing from n to n+1 moves about 1/(n+1) of the keys, and more virtual nodes even out the
   * shards' shares.
   */
  static KeyRouter consistent(int shards, int vnodes) {
    return new Ring(shards, vnodes);
  }

  /** A well-mixed 64-bit hash (the SplitMix64 finaliser): deterministic, no seed. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
