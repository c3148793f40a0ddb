package dev.tradeoff.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DistributionTest {
  private static final long SEED = 5;
  private static final int DRAWS = 200_000;

  static Stream<Arguments> distributionsWithFiniteVariance() {
    return Stream.of(
        Arguments.of(Distribution.constant(7), 0.0),
        Arguments.of(Distribution.uniform(2, 10), Math.sqrt(64.0 / 12)),
        Arguments.of(Distribution.exponential(3), 3.0),
        Arguments.of(Distribution.logNormal(0.5, 0.4), logNormalSd(0.5, 0.4)),
        // Pareto with shape 5 has variance scale² · 5 / (4² · 3)
        Arguments.of(Distribution.pareto(2, 5), Math.sqrt(4.0 * 5 / (16 * 3))),
        Arguments.of(Distribution.shifted(0.1, Distribution.exponential(1)), 1.0),
        Arguments.of(
            Distribution.mixture(
                List.of(Distribution.constant(1), Distribution.constant(11)), List.of(9.0, 1.0)),
            3.0));
  }

  /**
   * The sample mean of 200,000 draws lies within 6 standard errors of the stated mean: a correct
   * sampler fails this about once in 10^9 seeds, while a mean off by 2% is caught.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("distributionsWithFiniteVariance")
  void samplesHaveTheStatedMean(Distribution distribution, double standardDeviation) {
    ContinuousSampler sampler = distribution.sampler(new RandomStreams(SEED).fork("dist"));
    double sum = 0;
    for (int i = 0; i < DRAWS; i++) {
      sum += sampler.sample();
    }
    double mean = sum / DRAWS;
    double tolerance = 6 * standardDeviation / Math.sqrt(DRAWS) + 1e-12;
    assertEquals(distribution.mean(), mean, tolerance, "seed " + SEED + ": " + distribution);
  }

  @Test
  void paretoNeverDrawsBelowItsScaleAndShiftedNeverBelowItsOffset() {
    ContinuousSampler pareto =
        Distribution.pareto(2, 1.5).sampler(new RandomStreams(SEED).fork("p"));
    ContinuousSampler shifted =
        Distribution.shifted(0.1, Distribution.exponential(1))
            .sampler(new RandomStreams(SEED).fork("s"));
    for (int i = 0; i < 10_000; i++) {
      assertTrue(pareto.sample() >= 2, "seed " + SEED);
      assertTrue(shifted.sample() >= 0.1, "seed " + SEED);
    }
  }

  @Test
  void sameStreamNameGivesTheSameDraws() {
    Distribution d = Distribution.logNormal(0, 1);
    ContinuousSampler a = d.sampler(new RandomStreams(SEED).fork("x"));
    ContinuousSampler b = d.sampler(new RandomStreams(SEED).fork("x"));
    for (int i = 0; i < 1_000; i++) {
      assertEquals(a.sample(), b.sample(), 0.0, "draw " + i);
    }
  }

  @Test
  void badParametersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Distribution.exponential(0));
    assertThrows(IllegalArgumentException.class, () -> Distribution.exponential(-1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.uniform(5, 1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.logNormal(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Distribution.pareto(0, 1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.constant(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> Distribution.mixture(List.of(Distribution.constant(1)), List.of(-1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Distribution.mixture(List.of(Distribution.constant(1)), List.of(1.0, 2.0)));
  }

  @Test
  void paretoWithoutAFiniteMeanSaysSo() {
    assertEquals(Double.POSITIVE_INFINITY, Distribution.pareto(1, 1).mean());
  }

  private static double logNormalSd(double mu, double sigma) {
    return Math.sqrt((Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma));
  }
}
