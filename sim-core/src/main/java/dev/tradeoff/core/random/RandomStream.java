package dev.tradeoff.core.random;

/**
 * One random stream of a run: a xoroshiro128++ generator (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 2021) that draws exactly what commons-rng 1.6's {@code
 * RandomSource.XO_RO_SHI_RO_128_PP} draws from the same two state words, method for method.
 *
 * <p>Only {@link #nextLong()}, {@link #nextInt()} and {@link #nextBoolean()} are written here, with
 * the same caching as commons-rng's {@code LongProvider} (the unused half of a long for the next
 * {@code nextInt}, the unused bits of a long for the next {@code nextBoolean}); every other draw is
 * {@link org.apache.commons.rng.UniformRandomProvider}'s own default built on these three, as it is
 * for commons-rng's generator. {@code RandomStreamTest} holds the two to the same output.
 *
 * <p>The class exists for its layout. The state words come first, right after the object header,
 * and the whole object is 48 bytes (with compressed class pointers, the JVM's default), so the
 * kernel can bring a stream into cache before a handler draws from it by reading its header and
 * {@link #lastWord()}. The kernel's runtime of a node extends it, so that the node's network stream
 * shares the first cache lines of the node's state: the JVM lays out a superclass's fields before a
 * subclass's. Not thread-safe.
 */
public class RandomStream implements org.apache.commons.rng.UniformRandomProvider {
  private static final long NO_INT = -1L;
  private static final long NO_BITS = 1L;

  // Declared in the order the JVM lays them out: read together by every draw.
  private long state0;
  private long state1;
  // The upper half of the last long split for nextInt (a non-negative int), or NO_INT.
  private long intSource = NO_INT;
  // The unused bits of the last long split for nextBoolean, above a marker bit; NO_BITS when empty.
  private long booleanSource = NO_BITS;

  /**
   * A stream starting from the state words {@code state0} and {@code state1}, which must not both
   * be zero (xoroshiro's one state that never leaves itself).
   */
  public RandomStream(long state0, long state1) {
    if (state0 == 0 && state1 == 0) {
      throw new IllegalArgumentException("xoroshiro128++ state must not be all zero");
    }
    this.state0 = state0;
    this.state1 = state1;
  }

  /**
   * A stream that starts where {@code start} is now, caches included; for a subclass that keeps a
   * stream's state in the same object as its own hot fields.
   */
  protected RandomStream(RandomStream start) {
    this.state0 = start.state0;
    this.state1 = start.state1;
    this.intSource = start.intSource;
    this.booleanSource = start.booleanSource;
  }

  @Override
  public final long nextLong() {
    long s0 = state0;
    long s1 = state1;
    long result = Long.rotateLeft(s0 + s1, 17) + s0;
    s1 ^= s0;
    state0 = Long.rotateLeft(s0, 49) ^ s1 ^ (s1 << 21);
    state1 = Long.rotateLeft(s1, 28);
    return result;
  }

  @Override
  public final int nextInt() {
    long cached = intSource;
    if (cached >= 0) {
      intSource = NO_INT;
      return (int) cached;
    }
    long bits = nextLong();
    intSource = bits >>> 32;
    return (int) bits;
  }

  @Override
  public final boolean nextBoolean() {
    long bits = booleanSource;
    if (bits == NO_BITS) {
      bits = nextLong();
      // keep the 63 unused bits below a marker, so that the source is empty when only it is left
      booleanSource = Long.MIN_VALUE | (bits >>> 1);
    } else {
      booleanSource = bits >>> 1;
    }
    return (bits & 1) == 1;
  }

  /**
   * The object's last word, read so that the cache line it sits on is loaded before a draw; the
   * value means nothing and reading it changes nothing.
   */
  public final long lastWord() {
    return booleanSource;
  }
}
