package dev.tradeoff.core.kernel;

import dev.tradeoff.core.random.RandomStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A random stream that draws from the network stream of whichever node {@link #source} names at the
 * time of the draw: the sending node's. A sampler bound to it serves every sender in turn: the
 * network keeps one latency sampler per zone pair instead of one per node and zone, so that a send
 * reads the sender's runtime and nothing else of its own. A draw through the switch is the draw the
 * source's stream would have given (the provider's defaults are built on the three draws passed on
 * here, as they are for the stream itself); this holds for samplers that keep no state between
 * draws, which is true of every sampler {@link dev.tradeoff.core.random.Distribution} makes.
 */
final class StreamSwitch implements UniformRandomProvider {
  /**
   * The stream draws come from until it is set again: a node's runtime, which is its network stream
   * (see {@link NodeCore}).
   */
  RandomStream source;

  /**
   * A switch that stays on {@code stream}, for a sampler of the stream's own (a link's latency
   * override). Binding the sampler to a node's runtime directly would draw the same, but would show
   * commons-rng's shared sampler code one more class of stream than it sees already.
   */
  static StreamSwitch fixedTo(RandomStream stream) {
    StreamSwitch fixed = new StreamSwitch();
    fixed.source = stream;
    return fixed;
  }

  @Override
  public long nextLong() {
    return source.nextLong();
  }

  @Override
  public int nextInt() {
    return source.nextInt();
  }

  @Override
  public boolean nextBoolean() {
    return source.nextBoolean();
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
