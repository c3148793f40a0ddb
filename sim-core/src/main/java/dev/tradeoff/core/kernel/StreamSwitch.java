package dev.tradeoff.core.kernel;

import dev.tradeoff.core.random.PairedStreams;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A random stream that draws from the second stream of whichever pair {@link #source} names at the
 * time of the draw: the sending node's network stream. A sampler bound to it serves every sender in
 * turn: the network keeps one latency sampler per zone pair instead of one per node and zone, so
 * that a send reads the sender's runtime and nothing else of its own. A draw through the switch is
 * the draw the source's second stream would have given (the provider's defaults are built on the
 * three draws passed on here, as they are for the stream itself); this holds for samplers that keep
 * no state between draws, which is true of every sampler {@link
 * dev.tradeoff.core.random.Distribution} makes.
 */
final class StreamSwitch implements UniformRandomProvider {
  /** The pair whose second stream draws come from until it is set again. */
  PairedStreams source;

  @Override
  public long nextLong() {
    return source.secondLong();
  }

  @Override
  public int nextInt() {
    return source.secondInt();
  }

  @Override
  public boolean nextBoolean() {
    return source.secondBoolean();
  }

  // A stream draws lazily, after the switch may have moved on: it is bound to the source of now.

  @Override
  public IntStream ints() {
    return source.second().ints();
  }

  @Override
  public IntStream ints(int origin, int bound) {
    return source.second().ints(origin, bound);
  }

  @Override
  public IntStream ints(long size) {
    return source.second().ints(size);
  }

  @Override
  public IntStream ints(long size, int origin, int bound) {
    return source.second().ints(size, origin, bound);
  }

  @Override
  public LongStream longs() {
    return source.second().longs();
  }

  @Override
  public LongStream longs(long origin, long bound) {
    return source.second().longs(origin, bound);
  }

  @Override
  public LongStream longs(long size) {
    return source.second().longs(size);
  }

  @Override
  public LongStream longs(long size, long origin, long bound) {
    return source.second().longs(size, origin, bound);
  }

  @Override
  public DoubleStream doubles() {
    return source.second().doubles();
  }

  @Override
  public DoubleStream doubles(double origin, double bound) {
    return source.second().doubles(origin, bound);
  }

  @Override
  public DoubleStream doubles(long size) {
    return source.second().doubles(size);
  }

  @Override
  public DoubleStream doubles(long size, double origin, double bound) {
    return source.second().doubles(size, origin, bound);
  }
}
