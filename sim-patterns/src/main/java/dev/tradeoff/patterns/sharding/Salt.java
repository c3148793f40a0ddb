package dev.tradeoff.patterns.sharding;

/**
 * Hot-key salting: the {@code hotKeys} lowest-numbered keys are each split into {@code salt}
 * sub-keys, sub-key 0 being the key itself and sub-key {@code j} the key plus {@code j} times
 * {@link #STRIDE} (far above any workload key, so sub-keys never collide with real keys). Each
 * sub-key is routed on its own, so the sub-keys of one key land on different shards as their hashes
 * fall.
 *
 * @param salt sub-keys per hot key; 1 turns salting off
 * @param hotKeys how many keys, from key 0 up, are salted
 */
record Salt(int salt, long hotKeys) {
  /** Distance between sub-keys of one key. */
  static final long STRIDE = 1L << 40;

  /** Whether {@code key} is split into sub-keys. */
  boolean salted(long key) {
    return salt > 1 && key >= 0 && key < hotKeys;
  }

  /** Sub-key {@code j} of {@code key}. */
  static long subKey(long key, int j) {
    return key + j * STRIDE;
  }
}
