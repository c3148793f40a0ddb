package dev.tradeoff.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.ToLongFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * {@link RandomStream} against commons-rng's xoroshiro128++ ({@code RandomSource
 * .XO_RO_SHI_RO_128_PP}, which {@link RandomStreams} used before): from the same state words, the
 * same calls in the same order give the same values, whatever the mix of calls. Every report of the
 * catalog depends on this.
 */
final class RandomStreamTest {
  private static final int STREAMS = 200;
  private static final int CALLS = 5_000;

  /** One kind of draw, made on either generator; its value as a long, to compare. */
  private static final ToLongFunction<UniformRandomProvider>[] DRAWS = draws();

  @SuppressWarnings("unchecked")
  private static ToLongFunction<UniformRandomProvider>[] draws() {
    return new ToLongFunction[] {
      (ToLongFunction<UniformRandomProvider>) UniformRandomProvider::nextLong,
      (ToLongFunction<UniformRandomProvider>) UniformRandomProvider::nextInt,
      (ToLongFunction<UniformRandomProvider>) g -> g.nextBoolean() ? 1 : 0,
      (ToLongFunction<UniformRandomProvider>) g -> Double.doubleToLongBits(g.nextDouble()),
      (ToLongFunction<UniformRandomProvider>) g -> Float.floatToIntBits(g.nextFloat()),
      (ToLongFunction<UniformRandomProvider>) g -> g.nextInt(1_000),
      (ToLongFunction<UniformRandomProvider>) g -> g.nextInt(-7, 1 << 30),
      (ToLongFunction<UniformRandomProvider>) g -> g.nextLong(3_000_000_000_000L),
      (ToLongFunction<UniformRandomProvider>) g -> g.nextLong(-5, 5),
      (ToLongFunction<UniformRandomProvider>) g -> Double.doubleToLongBits(g.nextDouble(2.5, 9)),
      (ToLongFunction<UniformRandomProvider>) g -> Float.floatToIntBits(g.nextFloat(3f)),
      (ToLongFunction<UniformRandomProvider>) g -> bytes(g, 13),
      (ToLongFunction<UniformRandomProvider>) g -> bytes(g, 8),
    };
  }

  private static long bytes(UniformRandomProvider g, int length) {
    byte[] bytes = new byte[length + 4];
    g.nextBytes(bytes, 2, length);
    return Arrays.hashCode(bytes);
  }

  @Test
  void drawsWhatCommonsRngDrawsForAnyMixOfCalls() {
    RandomStream choices = new RandomStream(0x5DEECE66DL, 11);
    for (int s = 0; s < STREAMS; s++) {
      UniformRandomProvider expected = RandomSource.XO_RO_SHI_RO_128_PP.create(state(s));
      RandomStream actual = new RandomStream(state(s)[0], state(s)[1]);
      for (int call = 0; call < CALLS; call++) {
        int kind = choices.nextInt(DRAWS.length);
        long want = DRAWS[kind].applyAsLong(expected);
        long got = DRAWS[kind].applyAsLong(actual);
        if (want != got) {
          assertEquals(
              want, got, "stream " + s + ", call " + call + " (draw kind " + kind + ") differs");
        }
      }
    }
  }

  private static long[] state(int s) {
    return new long[] {RandomStreams.mix64(s), RandomStreams.mix64(~s)};
  }

  @Test
  void samplersDrawTheSameThroughEitherGenerator() {
    for (Distribution model :
        new Distribution[] {
          Distribution.exponential(1_000_000),
          Distribution.shifted(100_000, Distribution.exponential(1_000_000)),
          Distribution.logNormal(0.5, 1.2),
          Distribution.mixture(
              java.util.List.of(Distribution.constant(1), Distribution.exponential(5)),
              java.util.List.of(0.3, 0.7)),
          Distribution.pareto(1, 1.5),
          Distribution.uniform(3, 9)
        }) {
      ContinuousSampler expected =
          model.sampler(RandomSource.XO_RO_SHI_RO_128_PP.create(state(42)));
      ContinuousSampler actual = model.sampler(new RandomStream(state(42)[0], state(42)[1]));
      double[] want = new double[10_000];
      double[] got = new double[want.length];
      for (int i = 0; i < want.length; i++) {
        want[i] = expected.sample();
        got[i] = actual.sample();
      }
      assertArrayEquals(want, got, model.toString());
    }
  }

  /** A subclass started from a stream, its caches half used, goes on exactly as the stream does. */
  @Test
  void aStreamStartedFromAnotherGoesOnAsItWould() {
    RandomStream original = new RandomStream(8, 9);
    original.nextInt(); // leaves half a long cached for the next nextInt
    original.nextBoolean(); // leaves 63 bits cached for the next nextBoolean
    RandomStream copy = new RandomStream(original) {};
    RandomStream choices = new RandomStream(1, 2);
    for (int call = 0; call < CALLS; call++) {
      int kind = choices.nextInt(DRAWS.length);
      assertEquals(
          DRAWS[kind].applyAsLong(original), DRAWS[kind].applyAsLong(copy), "call " + call);
    }
  }

  @Test
  void readingTheLastWordChangesNoDraw() {
    RandomStream read = new RandomStream(3, 4);
    RandomStream unread = new RandomStream(3, 4);
    for (int i = 0; i < 1_000; i++) {
      read.lastWord();
      assertEquals(unread.nextInt(), read.nextInt());
      read.lastWord();
      assertEquals(unread.nextBoolean(), read.nextBoolean());
    }
  }

  @Test
  void refusesTheAllZeroState() {
    assertThrows(IllegalArgumentException.class, () -> new RandomStream(0, 0));
  }
}
