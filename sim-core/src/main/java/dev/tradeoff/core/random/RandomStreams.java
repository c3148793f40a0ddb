package dev.tradeoff.core.random;

import java.nio.charset.StandardCharsets;

/**
 * Named random streams forked from one run seed.
 *
 * <p>Each stream is seeded from the run seed and its name alone, so adding a component (and with it
 * a new stream) never shifts the draws of any other. Streams are xoroshiro128++ generators ({@link
 * RandomStream}): fast, with a period of 2^128 - 1, and independent enough for simulation when
 * their seeds differ.
 */
public final class RandomStreams {
  private final long seed;

  /** Creates the stream family of a run with {@code seed}. */
  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** The run seed. */
  public long seed() {
    return seed;
  }

  /**
   * A new generator for the stream {@code name}; two calls with the same name give two generators
   * that produce the same sequence.
   */
  public RandomStream fork(String name) {
    long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = mix64(h ^ (b & 0xFF));
    }
    long state0 = mix64(h + 0x632BE59BD9B4E019L);
    long state1 = mix64(h + 0x85157AF5L);
    if (state0 == 0 && state1 == 0) {
      state1 = 1; // xoroshiro's only forbidden state
    }
    return new RandomStream(state0, state1);
  }

  /** Stafford's variant 13 of the SplitMix64 finaliser: a bijective 64-bit mixer. */
  public static long mix64(long z) {
    long x = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }
}
