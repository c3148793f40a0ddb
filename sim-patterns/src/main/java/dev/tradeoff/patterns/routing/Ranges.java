package dev.tradeoff.patterns.routing;

/** {@link KeyRouter#ranges}. */
record Ranges(int shards, long keySpace) implements KeyRouter {
  Ranges {
    if (shards < 1 || keySpace < shards) {
      throw new IllegalArgumentException(
          "need 1 <= shards <= keySpace, got " + shards + " shards over " + keySpace + " keys");
    }
  }

  @Override
  public int shardOf(long key) {
    long k = Math.floorMod(key, keySpace);
    // Shard i holds [ceil(i * keySpace / shards), ceil((i + 1) * keySpace / shards)): the exact
    // quotient, computed in 128 bits so that no key space is too large.
    long high = Math.multiplyHigh(k, shards);
    long low = k * shards;
    if (high == 0 && low >= 0) {
      return (int) (low / keySpace);
    }
    return (int)
        java.math.BigInteger.valueOf(k)
            .multiply(java.math.BigInteger.valueOf(shards))
            .divide(java.math.BigInteger.valueOf(keySpace))
            .longValueExact();
  }

  @Override
  public KeyRouter resized(int newShards) {
    return new Ranges(newShards, keySpace);
  }
}
