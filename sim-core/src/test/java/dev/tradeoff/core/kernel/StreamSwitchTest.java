package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.random.RandomStream;
import dev.tradeoff.core.random.RandomStreams;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamSwitchTest {
  private static final int SENDERS = 3;
  private static final int DRAWS = 3_000;

  static List<Distribution> models() {
    return List.of(
        Distribution.constant(5),
        Distribution.uniform(2, 9),
        Distribution.exponential(1_000_000),
        Distribution.logNormal(13, 0.5),
        Distribution.pareto(1_000, 1.5),
        Distribution.shifted(100_000, Distribution.exponential(1_000_000)),
        Distribution.mixture(
            List.of(Distribution.exponential(10), Distribution.uniform(0, 1)), List.of(0.9, 0.1)));
  }

  /**
   * The network's one sampler per zone pair, switched between senders, must draw what a sampler per
   * sender would: same values, same streams advanced, whatever the order of senders.
   */
  @ParameterizedTest
  @MethodSource("models")
  void aSharedSamplerDrawsWhatOnePerSenderWould(Distribution model) {
    RandomStreams streams = new RandomStreams(11);
    RandomStreams twins = new RandomStreams(11);
    UniformRandomProvider[] owned = new UniformRandomProvider[SENDERS];
    ContinuousSampler[] own = new ContinuousSampler[SENDERS];
    RandomStream[] switched = new RandomStream[SENDERS];
    for (int s = 0; s < SENDERS; s++) {
      owned[s] = streams.fork("net/" + s);
      own[s] = model.sampler(owned[s]);
      switched[s] = twins.fork("net/" + s);
    }
    StreamSwitch stream = new StreamSwitch();
    ContinuousSampler shared = model.sampler(stream);
    UniformRandomProvider order = new RandomStreams(12).fork("order");
    double[] expected = new double[DRAWS];
    double[] actual = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      int sender = order.nextInt(SENDERS);
      expected[i] = own[sender].sample();
      stream.source = switched[sender];
      actual[i] = shared.sample();
    }
    assertArrayEquals(expected, actual, "draws of " + model);
    for (int s = 0; s < SENDERS; s++) {
      // each sender's stream is left where its own sampler left its twin
      assertEquals(owned[s].nextLong(), switched[s].nextLong(), "stream of sender " + s);
    }
  }

  /** The models that draw from their stream: all but the constant. */
  static List<Distribution> drawingModels() {
    return models().stream().filter(m -> !(m instanceof Distribution.Constant)).toList();
  }

  /** The comparison above can fail: a sampler bound to one sender's stream draws differently. */
  @ParameterizedTest
  @MethodSource("drawingModels")
  void drawingFromTheWrongSenderShows(Distribution model) {
    RandomStreams streams = new RandomStreams(11);
    ContinuousSampler first = model.sampler(streams.fork("net/0"));
    ContinuousSampler second = model.sampler(streams.fork("net/1"));
    double[] a = new double[64];
    double[] b = new double[64];
    for (int i = 0; i < a.length; i++) {
      a[i] = first.sample();
      b[i] = second.sample();
    }
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
  }

  /**
   * A lazy stream of draws taken from the switch draws from the source of the moment it was taken,
   * after the switch has moved on, and draws what that source's own stream would.
   */
  @Test
  void aLazyStreamStaysOnTheSourceItWasTakenFrom() {
    RandomStream first = new RandomStreams(3).fork("net/a");
    RandomStream second = new RandomStreams(3).fork("net/b");
    RandomStream twin = new RandomStreams(3).fork("net/a");
    StreamSwitch stream = new StreamSwitch();
    stream.source = first;
    LongStream longs = stream.longs(100);
    DoubleStream doubles = stream.doubles(50, 1, 2);
    IntStream ints = stream.ints(50, 0, 7);
    stream.source = second;
    assertArrayEquals(twin.longs(100).toArray(), longs.toArray());
    assertArrayEquals(twin.doubles(50, 1, 2).toArray(), doubles.toArray());
    assertArrayEquals(twin.ints(50, 0, 7).toArray(), ints.toArray());
  }

  /** A switch fixed on a stream draws what the stream itself would, call for call. */
  @Test
  void aFixedSwitchDrawsTheStreamsOwnDraws() {
    StreamSwitch fixed = StreamSwitch.fixedTo(new RandomStreams(4).fork("net/a"));
    RandomStream twin = new RandomStreams(4).fork("net/a");
    for (int i = 0; i < 1_000; i++) {
      assertEquals(twin.nextInt(), fixed.nextInt());
      assertEquals(twin.nextBoolean(), fixed.nextBoolean());
      assertEquals(twin.nextDouble(), fixed.nextDouble());
      assertEquals(twin.nextLong(17), fixed.nextLong(17));
    }
  }
}
