package dev.tradeoff.core.kernel;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A random stream that draws from whichever stream {@link #source} names at the time of the draw. A
 * sampler bound to it serves every sender in turn: the network keeps one latency sampler per zone
 * pair instead of one per node and zone, so that a send reads the sender's stream and nothing else
 * of its own. Every method is passed to the source, so a draw through the switch is the draw the
 * source would have given; this holds for samplers that keep no state between draws, which is true
 * of every sampler {@link dev.tradeoff.core.random.Distribution} makes.
 */
final class StreamSwitch implements UniformRandomProvider {
  /** The stream draws come from until it is set again. */
  UniformRandomProvider source;

  @Override
  public void nextBytes(byte[] bytes) {
    source.nextBytes(bytes);
  }

  @Override
  public void nextBytes(byte[] bytes, int start, int len) {
    source.nextBytes(bytes, start, len);
  }

  @Override
  public int nextInt() {
    return source.nextInt();
  }

  @Override
  public int nextInt(int n) {
    return source.nextInt(n);
  }

  @Override
  public int nextInt(int origin, int bound) {
    return source.nextInt(origin, bound);
  }

  @Override
  public long nextLong() {
    return source.nextLong();
  }

  @Override
  public long nextLong(long n) {
    return source.nextLong(n);
  }

  @Override
  public long nextLong(long origin, long bound) {
    return source.nextLong(origin, bound);
  }

  @Override
  public boolean nextBoolean() {
    return source.nextBoolean();
  }

  @Override
  public float nextFloat() {
    return source.nextFloat();
  }

  @Override
  public float nextFloat(float bound) {
    return source.nextFloat(bound);
  }

  @Override
  public float nextFloat(float origin, float bound) {
    return source.nextFloat(origin, bound);
  }

  @Override
  public double nextDouble() {
    return source.nextDouble();
  }

  @Override
  public double nextDouble(double bound) {
    return source.nextDouble(bound);
  }

  @Override
  public double nextDouble(double origin, double bound) {
    return source.nextDouble(origin, bound);
  }

  // A stream draws lazily, after the switch may have moved on: it is bound to the source of now.

  @Override
  public IntStream ints() {
    return source.ints();
  }

  @Override
  public IntStream ints(int origin, int bound) {
    return source.ints(origin, bound);
  }

  @Override
  public IntStream ints(long size) {
    return source.ints(size);
  }

  @Override
  public IntStream ints(long size, int origin, int bound) {
    return source.ints(size, origin, bound);
  }

  @Override
  public LongStream longs() {
    return source.longs();
  }

  @Override
  public LongStream longs(long origin, long bound) {
    return source.longs(origin, bound);
  }

  @Override
  public LongStream longs(long size) {
    return source.longs(size);
  }

  @Override
  public LongStream longs(long size, long origin, long bound) {
    return source.longs(size, origin, bound);
  }

  @Override
  public DoubleStream doubles() {
    return source.doubles();
  }

  @Override
  public DoubleStream doubles(double origin, double bound) {
    return source.doubles(origin, bound);
  }

  @Override
  public DoubleStream doubles(long size) {
    return source.doubles(size);
  }

  @Override
  public DoubleStream doubles(long size, double origin, double bound) {
    return source.doubles(size, origin, bound);
  }
}
