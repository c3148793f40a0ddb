package dev.tradeoff.core.workload;

import dev.tradeoff.core.random.Distribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * When a workload's clients issue operations. Open-loop processes ({@link Poisson}, {@link
 * Constant}, {@link Bursts}, {@link Ramp}) state the rate of the whole workload, shared evenly by
 * its clients, and issue whether or not earlier operations finished; {@link ClosedLoop} clients
 * each keep one operation outstanding and think between them.
 */
public sealed interface Arrivals {

  /** Poisson arrivals at {@code perSecond}. */
  static Arrivals poisson(double perSecond) {
    return new Poisson(perSecond);
  }

  /** Evenly spaced arrivals at {@code perSecond}. */
  static Arrivals constant(double perSecond) {
    return new Constant(perSecond);
  }

  /**
   * Poisson at {@code perSecond}, times {@code factor} during the first {@code burstNanos} of every
   * {@code periodNanos}.
   */
  static Arrivals bursts(double perSecond, double factor, long periodNanos, long burstNanos) {
    return new Bursts(perSecond, factor, periodNanos, burstNanos);
  }

  /**
   * Poisson whose rate moves linearly from {@code fromPerSecond} to {@code toPerSecond} over {@code
   * rampNanos}, then stays.
   */
  static Arrivals ramp(double fromPerSecond, double toPerSecond, long rampNanos) {
    return new Ramp(fromPerSecond, toPerSecond, rampNanos);
  }

  /**
   * Closed loop: each client waits a think time drawn from {@code thinkTimeNanos} between
   * operations.
   */
  static Arrivals closedLoop(Distribution thinkTimeNanos) {
    return new ClosedLoop(thinkTimeNanos);
  }

  /** Gaps between one client's arrivals; {@code share} is the client's fraction of the rate. */
  interface Gaps {
    /** The gap from an arrival at true time {@code nowNanos} to the next. */
    long nextGapNanos(long nowNanos);
  }

  /**
   * Open-loop gap generator for one client with {@code share} of the rate, drawing from {@code
   * rng}.
   */
  Gaps gaps(UniformRandomProvider rng, double share);

  /**
   * The gap before client {@code client}'s first arrival (of {@code clients}); by default the first
   * gap {@code gaps} draws.
   */
  default long firstGapNanos(Gaps gaps, int client, int clients, long nowNanos) {
    return gaps.nextGapNanos(nowNanos);
  }

  /**
   * An upper estimate of the operations {@code clients} clients start in {@code durationNanos}:
   * open loops at their peak rate; a closed loop at one operation per mean think time per client
   * (at least a microsecond), as if service took no time. For refusing absurd runs before they
   * start, not for capacity planning.
   */
  default double expectedOperations(int clients, long durationNanos) {
    return peakPerSecond(clients) * (durationNanos / 1e9);
  }

  /** The highest rate of arrivals per second over all {@code clients} clients. */
  double peakPerSecond(int clients);

  /** Whether clients wait for each operation before the next. */
  default boolean closed() {
    return false;
  }

  /** See {@link #poisson}. */
  record Poisson(double perSecond) implements Arrivals {
    public Poisson {
      requireRate(perSecond);
    }

    @Override
    public double peakPerSecond(int clients) {
      return perSecond;
    }

    @Override
    public Gaps gaps(UniformRandomProvider rng, double share) {
      ContinuousSampler gap = ZigguratSampler.Exponential.of(rng, 1e9 / (perSecond * share));
      return now -> Math.max(1L, Math.round(gap.sample()));
    }
  }

  /** See {@link #constant}. */
  record Constant(double perSecond) implements Arrivals {
    public Constant {
      requireRate(perSecond);
    }

    @Override
    public double peakPerSecond(int clients) {
      return perSecond;
    }

    @Override
    public Gaps gaps(UniformRandomProvider rng, double share) {
      long gap = Math.max(1L, Math.round(1e9 / (perSecond * share)));
      return now -> gap;
    }

    /**
     * Client {@code i} starts at {@code (i + 1) / rate}, so together the clients are evenly spaced.
     */
    @Override
    public long firstGapNanos(Gaps gaps, int client, int clients, long nowNanos) {
      return Math.max(1L, Math.round(1e9 * (client + 1) / perSecond));
    }
  }

  /** See {@link #bursts}. */
  record Bursts(double perSecond, double factor, long periodNanos, long burstNanos)
      implements Arrivals {
    public Bursts {
      requireRate(perSecond);
      if (!(factor >= 1) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("burst factor must be finite and >= 1, got " + factor);
      }
      if (periodNanos <= 0 || burstNanos < 0 || burstNanos > periodNanos) {
        throw new IllegalArgumentException("bursts need 0 <= burst <= period and period > 0");
      }
    }

    @Override
    public double peakPerSecond(int clients) {
      return perSecond * factor;
    }

    @Override
    public Gaps gaps(UniformRandomProvider rng, double share) {
      return thinning(
          rng, perSecond * share * factor, t -> t % periodNanos < burstNanos ? 1.0 : 1.0 / factor);
    }
  }

  /** See {@link #ramp}. */
  record Ramp(double fromPerSecond, double toPerSecond, long rampNanos) implements Arrivals {
    public Ramp {
      requireRate(fromPerSecond);
      requireRate(toPerSecond);
      if (rampNanos <= 0) {
        throw new IllegalArgumentException("ramp duration must be > 0, got " + rampNanos);
      }
    }

    @Override
    public double peakPerSecond(int clients) {
      return Math.max(fromPerSecond, toPerSecond);
    }

    @Override
    public Gaps gaps(UniformRandomProvider rng, double share) {
      double max = Math.max(fromPerSecond, toPerSecond);
      return thinning(
          rng,
          max * share,
          t -> {
            double progress = Math.min(1.0, (double) t / rampNanos);
            return (fromPerSecond + (toPerSecond - fromPerSecond) * progress) / max;
          });
    }
  }

  /** See {@link #closedLoop}. */
  record ClosedLoop(Distribution thinkTimeNanos) implements Arrivals {
    @Override
    public double peakPerSecond(int clients) {
      return clients * 1e9 / Math.max(1_000.0, thinkTimeNanos.mean());
    }

    @Override
    public Gaps gaps(UniformRandomProvider rng, double share) {
      ContinuousSampler think = thinkTimeNanos.sampler(rng);
      return now -> Math.max(0L, Math.round(think.sample()));
    }

    @Override
    public boolean closed() {
      return true;
    }
  }

  /** Relative intensity at a true time, in {@code [0, 1]} of the peak rate. */
  @FunctionalInterface
  interface Intensity {
    double at(long nanos);
  }

  /**
   * A non-homogeneous Poisson process by Lewis and Shedler's thinning: candidates at the peak rate,
   * each kept with probability intensity(t).
   */
  private static Gaps thinning(
      UniformRandomProvider rng, double peakPerSecond, Intensity intensity) {
    ContinuousSampler candidate = ZigguratSampler.Exponential.of(rng, 1e9 / peakPerSecond);
    return now -> {
      long t = now;
      do {
        t += Math.max(1L, Math.round(candidate.sample()));
      } while (rng.nextDouble() >= intensity.at(t));
      return t - now;
    };
  }

  private static void requireRate(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException(
          "rate must be finite and > 0 per second, got " + perSecond);
    }
  }
}
