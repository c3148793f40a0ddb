package dev.tradeoff.patterns.routing;

/** {@link KeyRouter#hashMod}. */
record HashMod(int shards) implements KeyRouter {
  HashMod {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
  }

  @Override
  public int shardOf(long key) {
    return (int) Long.remainderUnsigned(KeyRouter.mix(key), shards);
  }

  @Override
  public KeyRouter resized(int newShards) {
    return new HashMod(newShards);
  }
}
